package dev.spillway.engine.e2e;

import static dev.spillway.engine.e2e.GatewayFixture.MODEL;
import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import dev.spillway.engine.events.RequestEvent;
import dev.spillway.simulators.AnthropicReply;
import dev.spillway.simulators.BedrockReply;
import dev.spillway.simulators.RecordedRequest;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Anthropic first, Bedrock the moment Anthropic says 429 or 529, through the official Anthropic Java SDK. */
class FallbackTest {

    private final GatewayFixture fixture = new GatewayFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static MessageCreateParams params() {
        return MessageCreateParams.builder().model(MODEL).maxTokens(64).addUserMessage("hi").build();
    }

    @Test
    void answersFromAnthropicWhenItIsAvailable() throws Exception {
        fixture.anthropic.enqueue(AnthropicReply.text("Hello from Anthropic").withUsage(12, 5, 3, 2));

        HttpResponseFor<Message> response = fixture.client().messages().withRawResponse().create(params());

        assertThat(response.parse().content().get(0).asText().text()).isEqualTo("Hello from Anthropic");
        assertThat(response.headers().values("x-spillway-provider")).containsExactly("anthropic");
        assertThat(response.headers().values("x-litellm-model-group")).containsExactly("claude-*");
        assertThat(response.headers().values("x-litellm-attempted-fallbacks")).containsExactly("0");
        assertThat(fixture.bedrock.requestCount()).isZero();
        RecordedRequest upstream = fixture.anthropic.takeRequest(Duration.ofSeconds(5));
        assertThat(upstream.header("x-api-key")).isEqualTo(GatewayFixture.CALLER_KEY);
        assertThat(upstream.bodyJson().get("model").asText()).isEqualTo(MODEL);

        RequestEvent event = fixture.nextEvent();
        assertThat(event.provider()).contains("anthropic");
        assertThat(event.fallbackTaken()).isFalse();
        assertThat(event.usage()).isEqualTo(new RequestEvent.Usage(12, 5, 3, 2));
    }

    @Test
    void fallsBackToBedrockWhenAnthropicIsRateLimited() throws Exception {
        fixture.anthropic.enqueue(AnthropicReply.rateLimited(30));
        fixture.bedrock.enqueue(BedrockReply.text("Hello from Bedrock"));

        HttpResponseFor<Message> response = fixture.client().messages().withRawResponse().create(params());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.parse().content().get(0).asText().text()).isEqualTo("Hello from Bedrock");
        assertThat(response.headers().values("x-spillway-provider")).containsExactly("bedrock");
        assertThat(response.headers().values("x-litellm-model-group")).containsExactly("bedrock/claude-*");
        assertThat(response.headers().values("x-litellm-attempted-fallbacks")).containsExactly("1");
        RecordedRequest toBedrock = fixture.bedrock.takeRequest(Duration.ofSeconds(5));
        assertThat(toBedrock.modelId()).isEqualTo("global.anthropic.claude-sonnet-4-5-20250929-v1:0");
        assertThat(toBedrock.bodyJson().get("anthropic_version").asText()).isEqualTo("bedrock-2023-05-31");
        assertThat(toBedrock.bodyJson().has("model")).isFalse();
        assertThat(toBedrock.accessKeyId()).isEqualTo("AKIDSPILLWAYTEST");

        RequestEvent event = fixture.nextEvent();
        assertThat(event.provider()).contains("bedrock");
        assertThat(event.fallbackTaken()).isTrue();
        assertThat(event.status()).isEqualTo(200);
    }

    @Test
    void fallsBackWhenAnthropicIsOverloaded() {
        fixture.anthropic.enqueue(AnthropicReply.overloaded());
        fixture.bedrock.enqueue(BedrockReply.text("Bedrock took over"));

        Message message = fixture.client().messages().create(params());

        assertThat(message.content().get(0).asText().text()).isEqualTo("Bedrock took over");
    }

    @Test
    void streamsFromBedrockAfterA429WithEveryEventInOrder() throws Exception {
        fixture.anthropic.enqueue(AnthropicReply.rateLimited(30));
        fixture.bedrock.enqueue(BedrockReply.thinkingThenText("Let me think.", "sig-123", "Streamed from Bedrock"));

        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = fixture.client().messages().createStreaming(params())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Message message = accumulator.message();

        assertThat(message.content()).hasSize(2);
        assertThat(message.content().get(0).asThinking().thinking()).isEqualTo("Let me think.");
        assertThat(message.content().get(0).asThinking().signature()).isEqualTo("sig-123");
        assertThat(message.content().get(1).asText().text()).isEqualTo("Streamed from Bedrock");
        assertThat(fixture.bedrock.takeRequest(Duration.ofSeconds(5)).isStreaming()).isTrue();
        assertThat(fixture.nextEvent().provider()).contains("bedrock");
    }

    @Test
    void aCooledDownAnthropicIsNotAskedAgain() {
        fixture.anthropic.enqueue(AnthropicReply.rateLimited(30));

        fixture.client().messages().create(params());
        fixture.client().messages().create(params());
        fixture.client().messages().create(params());

        assertThat(fixture.anthropic.requestCount()).isEqualTo(1);
        assertThat(fixture.bedrock.requestCount()).isEqualTo(3);
    }

    @Test
    void anthropicIsTriedAgainOnceItsCooldownHasPassed() throws Exception {
        try (GatewayFixture shortCooldown = new GatewayFixture(o -> o, "  cooldown_time: 1", "")) {
            shortCooldown.anthropic.enqueue(AnthropicReply.rateLimited(1));
            shortCooldown.anthropic.setDefaultReply(AnthropicReply.text("Anthropic is back"));
            shortCooldown.bedrock.setDefaultReply(BedrockReply.text("Bedrock meanwhile"));
            var client = shortCooldown.client();

            assertThat(client.messages().create(params()).content().get(0).asText().text())
                    .isEqualTo("Bedrock meanwhile");
            assertThat(client.messages().create(params()).content().get(0).asText().text())
                    .as("still cooling down").isEqualTo("Bedrock meanwhile");
            assertThat(shortCooldown.anthropic.requestCount()).isEqualTo(1);

            awaitHealthy(shortCooldown, "anthropic");

            assertThat(client.messages().create(params()).content().get(0).asText().text())
                    .isEqualTo("Anthropic is back");
            assertThat(shortCooldown.anthropic.requestCount()).isEqualTo(2);
            assertThat(shortCooldown.bedrock.requestCount()).isEqualTo(2);
        }
    }

    /** Waits, by polling /health, until the deployment is no longer cooling down. */
    private static void awaitHealthy(GatewayFixture gateway, String deploymentId) {
        Awaitility.await("deployment " + deploymentId + " healthy again").atMost(Duration.ofSeconds(10))
                .until(() -> !new com.fasterxml.jackson.databind.ObjectMapper().readTree(gateway.get("/health").body())
                        .path("unhealthy_endpoints").findValuesAsText("model_id").contains(deploymentId));
    }

    @Test
    void toolUseStreamsFromBedrockWithNamesAndIdsIntact() {
        fixture.anthropic.enqueue(AnthropicReply.rateLimited(30));
        fixture.bedrock.enqueue(BedrockReply.toolUse("get_weather", "toolu_01SpillwayTest", "{\"city\":\"Oslo\"}"));

        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = fixture.client().messages().createStreaming(params())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Message message = accumulator.message();

        var toolUse = message.content().get(message.content().size() - 1).asToolUse();
        assertThat(toolUse.name()).isEqualTo("get_weather");
        assertThat(toolUse.id()).isEqualTo("toolu_01SpillwayTest");
        assertThat(toolUse._input().toString()).contains("Oslo");
        assertThat(message.stopReason()).hasValueSatisfying(r -> assertThat(r.asString()).isEqualTo("tool_use"));
    }

    @Test
    void aStreamThatBreaksBeforeItsFirstByteFallsBack() {
        fixture.anthropic.enqueue(AnthropicReply.text("never seen").disconnectAfterEvents(0));
        fixture.anthropic.enqueue(AnthropicReply.text("never seen").disconnectAfterEvents(0)); // its retry
        fixture.bedrock.enqueue(BedrockReply.text("Recovered on Bedrock"));

        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = fixture.client().messages().createStreaming(params())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        assertThat(accumulator.message().content().get(0).asText().text()).isEqualTo("Recovered on Bedrock");
        assertThat(fixture.anthropic.requestCount()).isEqualTo(2);
    }

    @Test
    void clientErrorsFromAnthropicAreReturnedAsIsWithoutFallingBack() throws Exception {
        fixture.anthropic.enqueue(AnthropicReply.error(400, "invalid_request_error",
                "thinking: Input tag 'adaptive' found using 'type' does not match"));

        var response = fixture.post("/v1/messages?beta=true", GatewayFixture.body(MODEL, false));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("thinking: Input tag 'adaptive' found using 'type' does not match");
        assertThat(response.body()).as("the upstream's own body, not one written by Spillway")
                .doesNotContain("req_spw_");
        assertThat(fixture.bedrock.requestCount()).isZero();
    }

    @Test
    void whenBothUpstreamsAreRateLimitedTheClientGetsAnthropicsAnswer() throws Exception {
        fixture.anthropic.enqueue(AnthropicReply.rateLimited(42));
        fixture.bedrock.enqueue(BedrockReply.throttled());

        var response = fixture.post("/v1/messages", GatewayFixture.body(MODEL, false));

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("retry-after")).contains("42");
        assertThat(response.body()).contains("rate_limit_error");
    }
}
