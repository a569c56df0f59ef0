package dev.spillway.engine.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.engine.Spillway;
import dev.spillway.engine.SpillwayOptions;
import dev.spillway.engine.config.ConfigLoader;
import dev.spillway.simulators.AnthropicReply;
import dev.spillway.simulators.AnthropicSimulator;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code context_window_fallbacks} and {@code content_policy_fallbacks}: only these help with such failures. */
class SpecialFallbacksTest {

    private final AnthropicSimulator anthropic = AnthropicSimulator.start();
    private final Spillway gateway = Spillway.start(ConfigLoader.withEnvironment(Map.of()).parse("""
            model_list:
              - model_name: claude-small
                litellm_params: {model: anthropic/claude-haiku-4-5-20251001, api_base: %1$s, api_key: sk-ant-api03-test-a}
              - model_name: claude-big
                litellm_params: {model: anthropic/claude-sonnet-4-5-20250929, api_base: %1$s, api_key: sk-ant-api03-test-a}
              - model_name: claude-lenient
                litellm_params: {model: anthropic/claude-opus-4-5-20251101, api_base: %1$s, api_key: sk-ant-api03-test-a}
            router_settings:
              fallbacks: [{"claude-small": ["claude-lenient"]}]
              context_window_fallbacks: [{"claude-small": ["claude-big"]}]
              content_policy_fallbacks: [{"claude-small": ["claude-lenient"]}]
            """.formatted(anthropic.baseUrl()), Optional.empty()), SpillwayOptions.defaults().withPort(0));

    @AfterEach
    void stop() {
        gateway.close();
        anthropic.close();
    }

    private HttpResponse<String> ask() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(gateway.baseUrl().resolve("/v1/messages"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-small\",\"max_tokens\":10,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"a very long prompt\"}]}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPromptTooLongForTheModelMovesToTheContextWindowFallback() throws Exception {
        anthropic.enqueue(AnthropicReply.error(400, "invalid_request_error",
                "prompt is too long: 250000 tokens > 200000 maximum"));
        anthropic.enqueue(AnthropicReply.text("the big model read it all"));

        HttpResponse<String> response = ask();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("the big model read it all");
        assertThat(response.headers().firstValue("x-litellm-model-group")).contains("claude-big");
        anthropic.takeRequest(Duration.ofSeconds(5));
        assertThat(anthropic.takeRequest(Duration.ofSeconds(5)).bodyJson().get("model").asText())
                .isEqualTo("claude-sonnet-4-5-20250929");
    }

    @Test
    void aContentPolicyRefusalMovesToTheContentPolicyFallback() throws Exception {
        anthropic.enqueue(AnthropicReply.error(400, "invalid_request_error",
                "Output blocked by content filtering policy (content_filter)"));
        anthropic.enqueue(AnthropicReply.text("answered elsewhere"));

        HttpResponse<String> response = ask();

        assertThat(response.body()).contains("answered elsewhere");
        assertThat(response.headers().firstValue("x-litellm-model-group")).contains("claude-lenient");
    }

    @Test
    void anOrdinaryBadRequestDoesNotFallBack() throws Exception {
        anthropic.enqueue(AnthropicReply.error(400, "invalid_request_error", "messages: field required"));

        HttpResponse<String> response = ask();

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(anthropic.requestCount()).isEqualTo(1);
    }
}
