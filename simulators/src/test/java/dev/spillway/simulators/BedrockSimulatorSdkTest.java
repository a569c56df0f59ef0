package dev.spillway.simulators;

import static dev.spillway.simulators.AwsSdkClients.MODEL_ID;
import static dev.spillway.simulators.AwsSdkClients.TEST_CREDENTIALS;
import static dev.spillway.simulators.AwsSdkClients.nativeBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/** The Bedrock simulator as the real AWS SDK for Java v2 sees it. */
class BedrockSimulatorSdkTest {

    private BedrockSimulator bedrock;
    private BedrockRuntimeAsyncClient asyncClient;

    @BeforeEach
    void start() {
        bedrock = BedrockSimulator.start();
        asyncClient = AwsSdkClients.async(bedrock.baseUrl(), TEST_CREDENTIALS);
    }

    @AfterEach
    void stop() {
        asyncClient.close();
        bedrock.close();
    }

    @Test
    void streamingClientReceivesEveryAnthropicEventInOrder() throws Exception {
        MessageScript script = MessageScript.text("Hello from a simulated Bedrock stream.").withUsage(new TokenUsage(
                40, 12, 30, 5));
        bedrock.enqueue(BedrockReply.message(script));

        List<String> chunks = stream(asyncClient, "Hi").get(10, TimeUnit.SECONDS);

        String messageId = Json.parse(chunks.get(0)).path("message").path("id").asText();
        assertThat(messageId).startsWith("msg_bdrk_");
        List<JsonNode> received = chunks.stream().map(Json::parse).toList();
        ObjectNode metrics = (ObjectNode) ((ObjectNode) received.get(received.size() - 1))
                .remove("amazon-bedrock-invocationMetrics");
        assertThat(received).containsExactlyElementsOf(script.toEvents(messageId, MODEL_ID));
        assertThat(metrics.path("inputTokenCount").asInt()).isEqualTo(40);
        assertThat(metrics.path("outputTokenCount").asInt()).isEqualTo(12);
        assertThat(metrics.path("cacheReadInputTokenCount").asInt()).isEqualTo(30);
        assertThat(metrics.has("invocationLatency")).isTrue();
        assertThat(metrics.has("firstByteLatency")).isTrue();
    }

    @Test
    void streamingRequestIsRecordedWithItsDecodedModelAndVerifiedSigner() throws Exception {
        stream(asyncClient, "Hi").get(10, TimeUnit.SECONDS);

        RecordedRequest request = bedrock.takeRequest();
        assertThat(request.path()).isEqualTo("/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0"
                + "/invoke-with-response-stream");
        assertThat(request.modelId()).isEqualTo(MODEL_ID);
        assertThat(request.isStreaming()).isTrue();
        assertThat(request.accessKeyId()).isEqualTo(BedrockSimulator.TEST_ACCESS_KEY_ID);
        assertThat(request.region()).isEqualTo("us-east-1");
        assertThat(request.bodyJson().path("anthropic_version").asText()).isEqualTo("bedrock-2023-05-31");
        assertThat(request.bodyJson().path("anthropic_beta").get(0).asText()).isEqualTo("context-1m-2025-08-07");
        assertThat(request.header("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDSPILLWAYTEST/")
                .contains("/us-east-1/bedrock/aws4_request, SignedHeaders=");
    }

    @Test
    void syncClientInvokesAndGetsTheMessage() {
        bedrock.enqueue(BedrockReply.text("Plain answer.").withUsage(11, 3, 0, 0));
        try (BedrockRuntimeClient client = AwsSdkClients.sync(bedrock.baseUrl(), TEST_CREDENTIALS)) {
            InvokeModelResponse response = client.invokeModel(b -> b.modelId(MODEL_ID)
                    .contentType("application/json").accept("application/json").body(nativeBody("Hi")));

            JsonNode message = Json.parse(response.body().asUtf8String());
            assertThat(message.path("type").asText()).isEqualTo("message");
            assertThat(message.path("model").asText()).isEqualTo(MODEL_ID);
            assertThat(message.path("content").get(0).path("text").asText()).isEqualTo("Plain answer.");
            assertThat(message.path("stop_reason").asText()).isEqualTo("end_turn");
            assertThat(response.contentType()).isEqualTo("application/json");
            assertThat(response.responseMetadata().requestId()).isNotBlank();
            assertThat(response.sdkHttpResponse().firstMatchingHeader("X-Amzn-Bedrock-Input-Token-Count"))
                    .contains("11");
        }
        RecordedRequest request = bedrock.takeRequest();
        assertThat(request.isStreaming()).isFalse();
        assertThat(request.region()).isEqualTo("eu-west-1");
    }

    @Test
    void throttlingArrivesAsTheTypedExceptionWithStatus429() {
        bedrock.enqueue(BedrockReply.throttled());
        bedrock.enqueue(BedrockReply.throttled());

        assertThatThrownBy(() -> stream(asyncClient, "Hi").get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOfSatisfying(ThrottlingException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Too many requests, please wait before trying again.");
                });
        try (BedrockRuntimeClient client = AwsSdkClients.sync(bedrock.baseUrl(), TEST_CREDENTIALS)) {
            assertThatThrownBy(() -> client.invokeModel(b -> b.modelId(MODEL_ID).body(nativeBody("Hi"))))
                    .isInstanceOfSatisfying(ThrottlingException.class, e -> assertThat(e.statusCode()).isEqualTo(429));
        }
    }

    @Test
    void wrongSecretKeyIsRefusedWithASignatureError() {
        try (BedrockRuntimeClient client = AwsSdkClients.sync(bedrock.baseUrl(),
                AwsBasicCredentials.create(BedrockSimulator.TEST_ACCESS_KEY_ID, "not-the-secret"))) {
            assertThatThrownBy(() -> client.invokeModel(b -> b.modelId(MODEL_ID).body(nativeBody("Hi"))))
                    .isInstanceOfSatisfying(BedrockRuntimeException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                    });
        }
        assertThat(bedrock.takeRequest().accessKeyId()).isNull();
    }

    @Test
    void unknownAccessKeyIsRefusedAsUnrecognizedClient() {
        try (BedrockRuntimeClient client = AwsSdkClients.sync(bedrock.baseUrl(),
                AwsBasicCredentials.create("AKIDSOMEONEELSE", BedrockSimulator.TEST_SECRET_ACCESS_KEY))) {
            assertThatThrownBy(() -> client.invokeModel(b -> b.modelId(MODEL_ID).body(nativeBody("Hi"))))
                    .isInstanceOfSatisfying(BedrockRuntimeException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
                    });
        }
    }

    @Test
    void sessionCredentialsAreAcceptedWithTheirTokenSigned() throws Exception {
        try (BedrockRuntimeAsyncClient client = AwsSdkClients.async(bedrock.baseUrl(), AwsSessionCredentials.create(
                BedrockSimulator.TEST_ACCESS_KEY_ID, BedrockSimulator.TEST_SECRET_ACCESS_KEY, "session-token-123"))) {
            stream(client, "Hi").get(10, TimeUnit.SECONDS);
        }
        RecordedRequest request = bedrock.takeRequest();
        assertThat(request.header("X-Amz-Security-Token")).isEqualTo("session-token-123");
        assertThat(request.header("Authorization")).contains("x-amz-security-token");
        assertThat(request.accessKeyId()).isEqualTo(BedrockSimulator.TEST_ACCESS_KEY_ID);
    }

    @Test
    void inferenceProfileArnTravelsEncodedAndIsRecordedDecoded() {
        String arn = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/" + MODEL_ID;
        try (BedrockRuntimeClient client = AwsSdkClients.sync(bedrock.baseUrl(), TEST_CREDENTIALS)) {
            client.invokeModel(b -> b.modelId(arn).body(nativeBody("Hi")));
        }
        RecordedRequest request = bedrock.takeRequest();
        assertThat(request.path()).isEqualTo("/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile"
                + "%2Fus.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke");
        assertThat(request.modelId()).isEqualTo(arn);
        assertThat(request.accessKeyId()).isNotNull();
    }

    @Test
    void midStreamExceptionFailsTheCallAfterTheFirstChunks() {
        bedrock.enqueue(BedrockReply.streamThenException(3, "throttlingException", "Too many tokens, slow down."));
        List<String> chunks = new CopyOnWriteArrayList<>();

        assertThatThrownBy(() -> stream(asyncClient, "Hi", chunks).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOfSatisfying(ThrottlingException.class,
                        e -> assertThat(e.getMessage()).contains("Too many tokens, slow down."));
        assertThat(chunks).hasSize(3);
    }

    @Test
    void bodyThatStillCarriesModelAndStreamIsRejectedLikeBedrockDoes() {
        try (BedrockRuntimeClient client = AwsSdkClients.sync(bedrock.baseUrl(), TEST_CREDENTIALS)) {
            assertThatThrownBy(() -> client.invokeModel(b -> b.modelId(MODEL_ID).body(SdkBytes.fromUtf8String(
                            "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":5,\"stream\":true,"
                                    + "\"messages\":[]}"))))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getMessage())
                            .contains("extraneous key [stream] is not permitted"));
        }
    }

    /**
     * Documents an SDK behaviour that a relaying proxy must guard against: netty-nio-client does not notice that a
     * chunked response was cut off, so a dropped Bedrock stream completes normally, just without
     * {@code message_stop}.
     */
    @Test
    void droppedStreamLooksCompleteToTheSdkSoOnlyTheMissingMessageStopTells() throws Exception {
        bedrock.enqueue(BedrockReply.text("This stream will be cut.").disconnectAfterEvents(2));

        List<String> chunks = stream(asyncClient, "Hi").get(10, TimeUnit.SECONDS);

        assertThat(chunks).hasSize(2).noneMatch(chunk -> chunk.contains("\"message_stop\""));
    }

    @Test
    void truncatedInvokeBodyFailsTheSyncCall() {
        bedrock.enqueue(BedrockReply.text("This body will be cut.").disconnectAfterEvents(0));
        try (BedrockRuntimeClient client = AwsSdkClients.sync(bedrock.baseUrl(), TEST_CREDENTIALS)) {
            assertThatThrownBy(() -> client.invokeModel(b -> b.modelId(MODEL_ID).body(nativeBody("Hi"))))
                    .isInstanceOf(SdkClientException.class)
                    .hasMessageContaining("Premature end of Content-Length delimited message body");
        }
    }

    @Test
    void delayedFramesReachTheClientOneByOne() throws Exception {
        bedrock.enqueue(BedrockReply.text("Slowly, slowly.").withDelayBetweenEvents(Duration.ofMillis(150)));
        CompletableFuture<Integer> finishedWhenFirstChunkArrived = new CompletableFuture<>();
        List<String> chunks = new CopyOnWriteArrayList<>();

        stream(asyncClient, "Hi", chunk -> {
            finishedWhenFirstChunkArrived.complete(bedrock.finishedReplyCount());
            chunks.add(chunk);
        }).get(10, TimeUnit.SECONDS);

        assertThat(finishedWhenFirstChunkArrived.get()).isZero();
        assertThat(chunks).hasSize(9);
        assertThat(bedrock.awaitFinishedReplies(1, Duration.ofSeconds(5))).isTrue();
    }

    private static CompletableFuture<List<String>> stream(BedrockRuntimeAsyncClient client, String userText) {
        List<String> chunks = new CopyOnWriteArrayList<>();
        return stream(client, userText, chunks).thenApply(done -> chunks);
    }

    private static CompletableFuture<Void> stream(BedrockRuntimeAsyncClient client, String userText,
            List<String> chunks) {
        return stream(client, userText, chunks::add);
    }

    private static CompletableFuture<Void> stream(BedrockRuntimeAsyncClient client, String userText,
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
}
