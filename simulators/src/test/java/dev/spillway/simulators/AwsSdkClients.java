package dev.spillway.simulators;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;

/** Real AWS SDK v2 Bedrock clients pointed at a simulator, with retries off so each call is one request. */
final class AwsSdkClients {

    static final String MODEL_ID = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
    static final AwsCredentials TEST_CREDENTIALS =
            AwsBasicCredentials.create(BedrockSimulator.TEST_ACCESS_KEY_ID, BedrockSimulator.TEST_SECRET_ACCESS_KEY);

    /**
     * One Netty event loop group for all async clients: a client that owns its group spends two seconds shutting it
     * down on close. The threads are daemons, so the group may outlive the tests.
     */
    private static final SdkEventLoopGroup EVENT_LOOPS = SdkEventLoopGroup.builder().numberOfThreads(2).build();

    private AwsSdkClients() {
    }

    /** The async client over Netty, forced to HTTP/1.1 as Spillway configures it. */
    static BedrockRuntimeAsyncClient async(URI endpoint, AwsCredentials credentials) {
        return BedrockRuntimeAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1).eventLoopGroup(EVENT_LOOPS))
                .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** The sync client with the SDK's default (Apache) HTTP client. */
    static BedrockRuntimeClient sync(URI endpoint, AwsCredentials credentials) {
        return BedrockRuntimeClient.builder()
                .endpointOverride(endpoint)
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** A Bedrock-native Anthropic Messages body, as a proxy would send it. */
    static SdkBytes nativeBody(String userText) {
        return SdkBytes.fromUtf8String("""
                {"anthropic_version":"bedrock-2023-05-31","anthropic_beta":["context-1m-2025-08-07"],\
                "max_tokens":512,"messages":[{"role":"user","content":"%s"}]}""".formatted(userText));
    }

    /** Calls invoke-with-response-stream for {@link #MODEL_ID}, handing each chunk's Anthropic event JSON on. */
    static CompletableFuture<Void> stream(BedrockRuntimeAsyncClient client, String userText,
            Consumer<String> onChunk) {
        InvokeModelWithResponseStreamRequest request = InvokeModelWithResponseStreamRequest.builder()
                .modelId(MODEL_ID)
                .body(nativeBody(userText))
                .build();
        InvokeModelWithResponseStreamResponseHandler handler = InvokeModelWithResponseStreamResponseHandler.builder()
                .subscriber(InvokeModelWithResponseStreamResponseHandler.Visitor.builder()
                        .onChunk(chunk -> onChunk.accept(chunk.bytes().asUtf8String()))
                        .build())
                .build();
        return client.invokeModelWithResponseStream(request, handler);
    }

    /** Like {@link #stream(BedrockRuntimeAsyncClient, String, Consumer)}, completing with all chunks. */
    static CompletableFuture<List<String>> stream(BedrockRuntimeAsyncClient client, String userText) {
        List<String> chunks = new CopyOnWriteArrayList<>();
        return stream(client, userText, chunks::add).thenApply(done -> chunks);
    }
}
