package dev.spillway.engine.e2e;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import dev.spillway.engine.Spillway;
import dev.spillway.engine.SpillwayOptions;
import dev.spillway.engine.config.ConfigLoader;
import dev.spillway.engine.config.SpillwayConfig;
import dev.spillway.engine.events.RequestEvent;
import dev.spillway.simulators.AnthropicSimulator;
import dev.spillway.simulators.BedrockSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A running gateway between the Anthropic and Bedrock simulators, configured the way the built-in default config
 * is (Claude models to Anthropic, falling back to Bedrock), plus clients to call it. Closing stops everything.
 */
final class GatewayFixture implements AutoCloseable {

    static final String CALLER_KEY = "sk-ant-api03-test-caller";
    static final String MODEL = "claude-sonnet-4-5-20250929";

    final AnthropicSimulator anthropic = AnthropicSimulator.start();
    final BedrockSimulator bedrock = BedrockSimulator.start();
    final Spillway gateway;
    final BlockingQueue<RequestEvent> events = new LinkedBlockingQueue<>();
    private final HttpClient http = HttpClient.newHttpClient();

    GatewayFixture() {
        this(Function.identity(), "");
    }

    GatewayFixture(Function<SpillwayOptions, SpillwayOptions> options, String extraYaml) {
        this(options, "", extraYaml);
    }

    /**
     * @param options adjusts the engine options (port 0 is always used)
     * @param routerYaml more {@code router_settings} lines, each indented by two spaces
     * @param extraYaml appended at the top level, e.g. a {@code general_settings} block
     */
    GatewayFixture(Function<SpillwayOptions, SpillwayOptions> options, String routerYaml, String extraYaml) {
        SpillwayConfig config = config(anthropic.baseUrl(), "", routerYaml, extraYaml);
        gateway = Spillway.start(config, options.apply(SpillwayOptions.defaults().withPort(0)
                .withShutdownGrace(Duration.ofSeconds(5))));
        gateway.events().subscribe(events::add);
    }

    /**
     * This fixture's configuration with {@code claude-*} served by {@code anthropicBase} (for a reload, say).
     *
     * @param extraModels more {@code model_list} entries, indented as list items ({@code "  - model_name: ..."})
     * @param routerYaml more {@code router_settings} lines, each indented by two spaces; empty for the defaults
     * @param extraYaml appended at the top level
     */
    SpillwayConfig config(URI anthropicBase, String extraModels, String routerYaml, String extraYaml) {
        String yaml = """
                model_list:
                  - model_name: "claude-*"
                    litellm_params:
                      model: "anthropic/*"
                      api_base: %s
                    model_info: {id: anthropic}
                  - model_name: "bedrock/claude-*"
                    litellm_params:
                      model: "bedrock/*"
                      api_base: %s
                      aws_region_name: us-east-1
                      aws_access_key_id: %s
                      aws_secret_access_key: os.environ/TEST_AWS_SECRET
                    model_info: {id: bedrock}
                %s
                router_settings:
                  fallbacks: [{"claude-*": ["bedrock/claude-*"]}]
                %s
                %s
                """.formatted(anthropicBase, bedrock.baseUrl(), BedrockSimulator.TEST_ACCESS_KEY_ID, extraModels,
                routerYaml.isEmpty() ? "  num_retries: 1\n  timeout: 5" : routerYaml, extraYaml);
        return ConfigLoader.withEnvironment(Map.of("TEST_AWS_SECRET", BedrockSimulator.TEST_SECRET_ACCESS_KEY))
                .parse(yaml, Optional.empty());
    }

    URI baseUrl() {
        return gateway.baseUrl();
    }

    AnthropicClient client() {
        return client(b -> b.apiKey(CALLER_KEY));
    }

    AnthropicClient client(java.util.function.Consumer<AnthropicOkHttpClient.Builder> credentials) {
        AnthropicOkHttpClient.Builder builder = AnthropicOkHttpClient.builder()
                .baseUrl(baseUrl().toString())
                .maxRetries(0)
                .timeout(Duration.ofSeconds(20));
        credentials.accept(builder);
        return builder.build();
    }

    /** A raw POST with the caller's key, for what the SDK cannot send. */
    HttpResponse<String> post(String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl().resolve(path))
                .timeout(Duration.ofSeconds(20))
                .header("content-type", "application/json")
                .header("anthropic-version", "2023-06-01")
                .header("x-api-key", CALLER_KEY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(baseUrl().resolve(path)).header("x-api-key", CALLER_KEY).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static byte[] body(String model, boolean stream) {
        return ("{\"model\":\"" + model + "\",\"max_tokens\":64,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The next request event, waiting for it to be published. */
    RequestEvent nextEvent() throws InterruptedException {
        RequestEvent event = events.poll(10, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("no request event was published within 10 s");
        }
        return event;
    }

    @Override
    public void close() {
        gateway.close();
        anthropic.close();
        bedrock.close();
    }
}
