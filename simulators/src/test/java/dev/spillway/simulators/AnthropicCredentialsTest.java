package dev.spillway.simulators;

import static dev.spillway.simulators.AnthropicHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Anthropic simulator's optional API-key and OAuth-token check. */
class AnthropicCredentialsTest {

    private static final String API_KEY = "sk-ant-api03-right";
    private static final String OAUTH_TOKEN = "sk-ant-oat01-right";

    private AnthropicSimulator anthropic;
    private AnthropicHttp http;

    @BeforeEach
    void start() {
        anthropic = AnthropicSimulator.start();
        http = new AnthropicHttp(anthropic.baseUrl());
    }

    @AfterEach
    void stop() {
        anthropic.close();
    }

    @Test
    void apiKeyIsAcceptedAsXApiKeyOrBearer() throws Exception {
        anthropic.requireApiKey(API_KEY);

        assertThat(status(request().header("x-api-key", API_KEY))).isEqualTo(200);
        assertThat(status(request().header("authorization", "Bearer " + API_KEY))).isEqualTo(200);
    }

    @Test
    void wrongApiKeyIsRefusedAsTheApiDoes() throws Exception {
        anthropic.requireApiKey(API_KEY);

        HttpResponse<String> response = http.send(request().header("x-api-key", "sk-ant-api03-wrong"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Json.parse(response.body()).path("error")).isEqualTo(Json.parse(
                "{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}"));
        assertThat(anthropic.takeRequest().header("x-api-key")).isEqualTo("sk-ant-api03-wrong");
    }

    @Test
    void oauthTokenNeedsBearerAndTheOauthBeta() throws Exception {
        anthropic.requireApiKey(OAUTH_TOKEN);

        assertThat(status(request().header("authorization", "Bearer " + OAUTH_TOKEN)
                .header("anthropic-beta", "claude-code-20250219,oauth-2025-04-20"))).isEqualTo(200);
        assertThat(status(request().header("authorization", "Bearer " + OAUTH_TOKEN))).isEqualTo(401);
        assertThat(status(request().header("x-api-key", OAUTH_TOKEN)
                .header("anthropic-beta", "oauth-2025-04-20"))).isEqualTo(401);
    }

    @Test
    void checkCanBeTurnedOffAgain() throws Exception {
        anthropic.requireApiKey(API_KEY);
        anthropic.requireApiKey(null);

        assertThat(status(request())).isEqualTo(200);
    }

    private HttpRequest.Builder request() {
        return HttpRequest.newBuilder(anthropic.baseUrl().resolve("/v1/messages"))
                .header("content-type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body(false, "Hi")));
    }

    private int status(HttpRequest.Builder request) throws Exception {
        return http.send(request).statusCode();
    }
}
