package dev.spillway.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Bedrock simulator's answers to requests no SDK would send. */
class BedrockSimulatorHttpTest {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private BedrockSimulator bedrock;

    @BeforeEach
    void start() {
        bedrock = BedrockSimulator.start();
    }

    @AfterEach
    void stop() {
        bedrock.close();
    }

    @Test
    void unsignedRequestIsRefusedAsMissingAuthentication() throws Exception {
        HttpResponse<String> response = post("/model/anthropic.claude-haiku-4-5-20251001-v1%3A0/invoke", null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("x-amzn-ErrorType"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("MissingAuthenticationTokenException:"));
        assertThat(Json.parse(response.body()).path("message").asText()).isEqualTo("Missing Authentication Token");
        RecordedRequest request = bedrock.takeRequest();
        assertThat(request.modelId()).isEqualTo("anthropic.claude-haiku-4-5-20251001-v1:0");
        assertThat(request.accessKeyId()).isNull();
    }

    @Test
    void malformedAuthorizationIsAnIncompleteSignature() throws Exception {
        HttpResponse<String> response = post("/model/m/invoke", "AWS4-HMAC-SHA256 Credential=nonsense");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("IncompleteSignatureException:"));
    }

    @Test
    void otherRoutesAreNotRecognisedAsOperations() {
        assertThat(BedrockRoute.match("POST", "/model/m/converse")).isNull();
        assertThat(BedrockRoute.match("GET", "/model/m/invoke")).isNull();
        assertThat(BedrockRoute.match("POST", "/model/a%2Fb/invoke-with-response-stream"))
                .isEqualTo(new BedrockRoute("a/b", true, false));
        assertThat(BedrockRoute.match("POST", "/model/anthropic.x-v1%3A0/count-tokens"))
                .isEqualTo(new BedrockRoute("anthropic.x-v1:0", false, true));
    }

    private HttpResponse<String> post(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(bedrock.baseUrl().resolve(path))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"));
        if (authorization != null) {
            request.header("authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
