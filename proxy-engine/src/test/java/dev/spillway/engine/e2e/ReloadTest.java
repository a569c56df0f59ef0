package dev.spillway.engine.e2e;

import static dev.spillway.engine.e2e.GatewayFixture.MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.engine.config.ConfigException;
import dev.spillway.engine.config.ConfigLoader;
import dev.spillway.engine.config.SpillwayConfig;
import dev.spillway.engine.events.RequestEvent;
import dev.spillway.simulators.AnthropicReply;
import dev.spillway.simulators.AnthropicSimulator;
import dev.spillway.simulators.BedrockSimulator;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code Spillway.reload}: new routes for new requests, requests in flight untouched, bad configs refused. */
class ReloadTest {

    private final GatewayFixture fixture = new GatewayFixture();
    private final AnthropicSimulator other = AnthropicSimulator.start();

    @AfterEach
    void stop() {
        fixture.close();
        other.close();
    }

    /** The fixture's routes, with {@code claude-*} pointing at {@code anthropicBase}, plus {@code extraModels}. */
    private SpillwayConfig config(URI anthropicBase, String extraModels) {
        return fixture.config(anthropicBase, extraModels, "", "");
    }

    @Test
    void aStreamInFlightFinishesOnTheOldRoutesAndTheNextRequestUsesTheNewOnes() throws Exception {
        fixture.anthropic.enqueue(AnthropicReply.text("a slow answer in several words")
                .withDelayBetweenEvents(Duration.ofMillis(150)));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(fixture.baseUrl().resolve("/v1/messages"))
                .header("x-api-key", GatewayFixture.CALLER_KEY)
                .header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofByteArray(GatewayFixture.body(MODEL, true))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
        assertThat(lines.readLine()).isEqualTo("event: message_start");

        fixture.gateway.reload(config(other.baseUrl(), ""));
        String rest = lines.lines().collect(Collectors.joining("\n"));

        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(rest).contains("event: message_stop");
        RequestEvent streamed = fixture.nextEvent();
        assertThat(streamed.status()).isEqualTo(200);
        assertThat(streamed.error()).isEmpty();

        other.enqueue(AnthropicReply.text("from the new upstream"));
        HttpResponse<String> next = fixture.post("/v1/messages", GatewayFixture.body(MODEL, false));
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.body()).contains("from the new upstream");
        assertThat(fixture.anthropic.requestCount()).isEqualTo(1);
        assertThat(other.requestCount()).isEqualTo(1);
    }

    @Test
    void anInvalidConfigIsRefusedAndTheOldOneKeepsServing() throws Exception {
        SpillwayConfig unsupported = config(other.baseUrl(), """
                  - model_name: gemini
                    litellm_params: {model: "vertex_ai/gemini-pro"}
                """);

        assertThatThrownBy(() -> fixture.gateway.reload(unsupported))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("model_list[2].litellm_params.model")
                .hasMessageContaining("vertex_ai");

        assertThat(fixture.gateway.modelGroups()).containsExactly("claude-*", "bedrock/claude-*");
        assertThat(fixture.post("/v1/messages", GatewayFixture.body(MODEL, false)).statusCode()).isEqualTo(200);
        assertThat(fixture.anthropic.requestCount()).isEqualTo(1);
        assertThat(other.requestCount()).isZero();
    }

    @Test
    void newGroupsAreServedAndUnchangedDeploymentsKeepTheirCooldown() throws Exception {
        fixture.anthropic.enqueue(AnthropicReply.rateLimited(30));
        assertThat(fixture.post("/v1/messages", GatewayFixture.body(MODEL, false)).statusCode()).isEqualTo(200);
        assertThat(fixture.gateway.status().deployments().get(0).coolingDownUntil()).isPresent();

        fixture.gateway.reload(config(fixture.anthropic.baseUrl(), """
                  - model_name: haiku-elsewhere
                    litellm_params: {model: "anthropic/claude-haiku-4-5", api_base: %s}
                """.formatted(other.baseUrl())));

        assertThat(fixture.gateway.modelGroups()).containsExactly("claude-*", "bedrock/claude-*", "haiku-elsewhere");
        assertThat(fixture.gateway.status().deployments().get(0).coolingDownUntil()).as("anthropic still cooling")
                .isPresent();
        assertThat(fixture.post("/v1/messages", GatewayFixture.body("haiku-elsewhere", false)).statusCode())
                .isEqualTo(200);
        assertThat(other.requestCount()).isEqualTo(1);

        fixture.gateway.reload(config(other.baseUrl(), ""));

        assertThat(fixture.gateway.status().deployments().get(0).coolingDownUntil()).as("a changed deployment starts afresh")
                .isEmpty();
    }
}
