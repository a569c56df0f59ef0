package dev.spillway.engine.e2e;

import static dev.spillway.engine.e2e.GatewayFixture.MODEL;
import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.models.messages.MessageCountTokensParams;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.simulators.AnthropicReply;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The smaller routes Claude Code calls. */
class EndpointsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final GatewayFixture fixture = new GatewayFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void headApiHelloAnswersAtOnce() throws Exception {
        HttpResponse<Void> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(fixture.baseUrl().resolve("/api/hello"))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void countTokensGoesToAnthropic() {
        long tokens = fixture.client().messages().countTokens(MessageCountTokensParams.builder()
                .model(MODEL).addUserMessage("count these words please").build()).inputTokens();

        assertThat(tokens).isPositive();
        assertThat(fixture.anthropic.takeRequest(java.time.Duration.ofSeconds(5)).path())
                .startsWith("/v1/messages/count_tokens");
    }

    @Test
    void countTokensFallsBackToBedrockCountTokens() throws Exception {
        fixture.anthropic.enqueueCountTokensError(AnthropicReply.rateLimited(10));

        HttpResponse<String> response = fixture.post("/v1/messages/count_tokens",
                "{\"model\":\"claude-sonnet-4-5-20250929\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("input_tokens").asLong()).isPositive();
        assertThat(response.headers().firstValue("x-spillway-provider")).contains("bedrock");
    }

    @Test
    void modelsListsTheNamedModelGroupsOfTheDefaultConfigForGatewayDiscovery() throws Exception {
        var config = dev.spillway.engine.config.ConfigLoader.withEnvironment(java.util.Map.of()).loadDefault();
        try (var gateway = dev.spillway.engine.Spillway.start(config,
                dev.spillway.engine.SpillwayOptions.defaults().withPort(0))) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(gateway.baseUrl().resolve("/v1/models?limit=1000"))
                            .header("x-api-key", GatewayFixture.CALLER_KEY).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.get("data").findValuesAsText("id"))
                    .contains("claude-opus", "claude-sonnet", "claude-haiku")
                    .allMatch(id -> id.contains("claude"))
                    .doesNotContain("claude-*");
            assertThat(body.get("has_more").asBoolean()).isFalse();
        }
    }

    @Test
    void healthReportsDeploymentsAndTheirCooldowns() throws Exception {
        fixture.anthropic.enqueue(AnthropicReply.rateLimited(30));
        fixture.client().messages().create(com.anthropic.models.messages.MessageCreateParams.builder()
                .model(MODEL).maxTokens(10).addUserMessage("hi").build());

        JsonNode health = JSON.readTree(fixture.get("/health").body());

        assertThat(health.get("unhealthy_count").asInt()).isEqualTo(1);
        assertThat(health.get("unhealthy_endpoints").get(0).get("model_id").asText()).isEqualTo("anthropic");
        assertThat(health.get("unhealthy_endpoints").get(0).get("cooldown_remaining_seconds").asLong())
                .as("cooldown_time (default 60 s) is longer than the retry-after of 30 s").isBetween(55L, 60L);
        assertThat(fixture.get("/health/liveliness").body()).isEqualTo("\"I'm alive!\"");
        assertThat(JSON.readTree(fixture.get("/health/readiness").body()).get("status").asText())
                .isEqualTo("connected");
    }
}
