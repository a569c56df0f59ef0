package dev.spillway.simulators;

import static dev.spillway.simulators.AwsSdkClients.MODEL_ID;
import static dev.spillway.simulators.AwsSdkClients.TEST_CREDENTIALS;
import static dev.spillway.simulators.AwsSdkClients.nativeBody;
import static dev.spillway.simulators.AwsSdkClients.stream;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;

/** Successful Bedrock calls, as the real AWS SDK for Java v2 makes and sees them. */
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
        MessageScript script = MessageScript.text("Hello from a simulated Bedrock stream.")
                .withUsage(new TokenUsage(40, 12, 30, 5));
        bedrock.enqueue(BedrockReply.message(script));

        List<String> chunks = stream(asyncClient, "Hi").get(10, TimeUnit.SECONDS);

        String messageId = Json.parse(chunks.get(0)).path("message").path("id").asText();
        assertThat(messageId).startsWith("msg_bdrk_");
        List<JsonNode> received = chunks.stream().map(Json::parse).toList();
        ObjectNode messageStop = (ObjectNode) received.get(received.size() - 1);
        JsonNode metrics = messageStop.remove("amazon-bedrock-invocationMetrics");
        assertThat(received).containsExactlyElementsOf(script.toEvents(messageId, MODEL_ID));
        assertThat(metrics.path("inputTokenCount").asInt()).isEqualTo(40);
        assertThat(metrics.path("outputTokenCount").asInt()).isEqualTo(12);
        assertThat(metrics.path("cacheReadInputTokenCount").asInt()).isEqualTo(30);
        assertThat(metrics.path("cacheWriteInputTokenCount").asInt()).isEqualTo(5);
        assertThat(metrics.has("invocationLatency")).isTrue();
        assertThat(metrics.has("firstByteLatency")).isTrue();
    }

    @Test
    void streamingRequestIsRecordedWithItsDecodedModelAndVerifiedSigner() throws Exception {
        stream(asyncClient, "Hi").get(10, TimeUnit.SECONDS);

        RecordedRequest request = bedrock.takeRequest();
        assertThat(request.path())
                .isEqualTo("/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke-with-response-stream");
        assertThat(request.modelId()).isEqualTo(MODEL_ID);
        assertThat(request.isStreaming()).isTrue();
        assertThat(request.accessKeyId()).isEqualTo(BedrockSimulator.TEST_ACCESS_KEY_ID);
        assertThat(request.region()).isEqualTo("us-east-1");
        assertThat(request.header("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDSPILLWAYTEST/")
                .contains("/us-east-1/bedrock/aws4_request, SignedHeaders=");
        assertThat(request.bodyJson().path("anthropic_version").asText()).isEqualTo("bedrock-2023-05-31");
        assertThat(request.bodyJson().path("anthropic_beta").get(0).asText()).isEqualTo("context-1m-2025-08-07");
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
        assertThat(request.path()).isEqualTo("/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3A"
                + "inference-profile%2Fus.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke");
        assertThat(request.modelId()).isEqualTo(arn);
        assertThat(request.accessKeyId()).isNotNull();
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
        assertThat(chunks).hasSize(9).noneMatch(chunk -> chunk.contains("\"ping\""));
        assertThat(bedrock.awaitFinishedReplies(1, Duration.ofSeconds(5))).isTrue();
    }
}
