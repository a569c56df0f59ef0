package dev.spillway.engine.e2e;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.spillway.engine.Spillway;
import dev.spillway.engine.SpillwayOptions;
import dev.spillway.engine.config.ConfigLoader;
import dev.spillway.simulators.AnthropicSimulator;
import dev.spillway.simulators.OpenAiSimulator;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A gateway with OpenAI-compatible and Anthropic model groups between their simulators:
 * {@code gpt-4o} (OpenAI, falling back to {@code claude-sonnet}), {@code claude-sonnet} (Anthropic) and
 * {@code gpt-for-claude-code} (OpenAI, for Anthropic-dialect clients).
 */
final class OpenAiGatewayFixture implements AutoCloseable {

    static final String OPENAI_KEY = "sk-spillway-test-openai-deployment-key";
    static final String ANTHROPIC_KEY = "sk-ant-api03-test-deploy";

    final OpenAiSimulator openai = OpenAiSimulator.start();
    final AnthropicSimulator anthropic = AnthropicSimulator.start();
    final Spillway gateway;

    OpenAiGatewayFixture() {
        this("");
    }

    /** @param extraYaml appended at the top level, e.g. a {@code litellm_settings} block */
    OpenAiGatewayFixture(String extraYaml) {
        String yaml = """
                model_list:
                  - model_name: gpt-4o
                    litellm_params: {model: openai/gpt-4o, api_base: %1$s/v1, api_key: %3$s}
                  - model_name: claude-sonnet
                    litellm_params: {model: anthropic/claude-sonnet-4-5-20250929, api_base: %2$s, api_key: %4$s}
                  - model_name: gpt-for-claude-code
                    litellm_params: {model: openai/gpt-4.1, api_base: %1$s/v1, api_key: %3$s}
                router_settings:
                  fallbacks: [{"gpt-4o": ["claude-sonnet"]}]
                  num_retries: 0
                  timeout: 5
                %5$s
                """.formatted(openai.baseUrl(), anthropic.baseUrl(), OPENAI_KEY, ANTHROPIC_KEY, extraYaml);
        gateway = Spillway.start(ConfigLoader.withEnvironment(Map.of()).parse(yaml, Optional.empty()),
                SpillwayOptions.defaults().withPort(0).withShutdownGrace(Duration.ofSeconds(5)));
    }

    OpenAIClient client() {
        return OpenAIOkHttpClient.builder()
                .baseUrl(gateway.baseUrl() + "/v1")
                .apiKey("sk-spillway-test-client")
                .maxRetries(0)
                .build();
    }

    HttpResponse<String> post(String path, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(gateway.baseUrl().resolve(path))
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        gateway.close();
        openai.close();
        anthropic.close();
    }
}
