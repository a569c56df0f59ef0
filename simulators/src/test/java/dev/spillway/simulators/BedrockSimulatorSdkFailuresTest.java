package dev.spillway.simulators;

import static dev.spillway.simulators.AwsSdkClients.MODEL_ID;
import static dev.spillway.simulators.AwsSdkClients.TEST_CREDENTIALS;
import static dev.spillway.simulators.AwsSdkClients.nativeBody;
import static dev.spillway.simulators.AwsSdkClients.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/** Refused, failing and broken Bedrock calls, as the real AWS SDK for Java v2 reports them. */
class BedrockSimulatorSdkFailuresTest {

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
        assertThat(refusal(AwsBasicCredentials.create(BedrockSimulator.TEST_ACCESS_KEY_ID, "not-the-secret")))
                .satisfies(e -> assertThat(e.statusCode()).isEqualTo(403))
                .satisfies(e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException"));
        assertThat(bedrock.takeRequest().accessKeyId()).isNull();
    }

    @Test
    void unknownAccessKeyIsRefusedAsAnUnrecognizedClient() {
        assertThat(refusal(AwsBasicCredentials.create("AKIDSOMEONEELSE", BedrockSimulator.TEST_SECRET_ACCESS_KEY)))
                .satisfies(e -> assertThat(e.statusCode()).isEqualTo(403))
                .satisfies(e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException"));
    }

    @Test
    void bodyThatStillCarriesStreamIsRejectedLikeBedrockDoes() {
        SdkBytes body = SdkBytes.fromUtf8String(
                "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":5,\"stream\":true,\"messages\":[]}");
        try (BedrockRuntimeClient client = AwsSdkClients.sync(bedrock.baseUrl(), TEST_CREDENTIALS)) {
            assertThatThrownBy(() -> client.invokeModel(b -> b.modelId(MODEL_ID).body(body)))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getMessage())
                            .contains("extraneous key [stream] is not permitted"));
        }
    }

    @Test
    void midStreamExceptionFailsTheCallAfterTheFirstChunks() {
        bedrock.enqueue(BedrockReply.streamThenException(3, "throttlingException", "Too many tokens, slow down."));
        List<String> chunks = new CopyOnWriteArrayList<>();

        assertThatThrownBy(() -> stream(asyncClient, "Hi", chunks::add).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOfSatisfying(ThrottlingException.class,
                        e -> assertThat(e.getMessage()).contains("Too many tokens, slow down."));
        assertThat(chunks).hasSize(3);
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
    void hangingCallTimesOutWhileTheNextOneIsServed() throws Exception {
        bedrock.enqueue(BedrockReply.hang());
        var hanging = asyncClient.invokeModel(b -> b.modelId(MODEL_ID).body(nativeBody("Hi"))
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofMillis(500))));
        bedrock.takeRequest();

        assertThat(stream(asyncClient, "still there?").get(10, TimeUnit.SECONDS)).isNotEmpty();
        assertThatThrownBy(() -> hanging.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ApiCallTimeoutException.class);
    }

    private BedrockRuntimeException refusal(AwsCredentials credentials) {
        try (BedrockRuntimeClient client = AwsSdkClients.sync(bedrock.baseUrl(), credentials)) {
            client.invokeModel(b -> b.modelId(MODEL_ID).body(nativeBody("Hi")));
        } catch (BedrockRuntimeException refused) {
            return refused;
        }
        throw new AssertionError("the call was not refused");
    }
}
