package dev.spillway.engine.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spillway.engine.Spillway;
import dev.spillway.engine.SpillwayOptions;
import dev.spillway.engine.config.ConfigLoader;
import dev.spillway.engine.spend.SpendStore;
import dev.spillway.simulators.AnthropicReply;
import dev.spillway.simulators.AnthropicSimulator;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each request's cost in its answer, in Prometheus and in the H2 spend store. */
class AccountingTest {

    @TempDir
    Path data;

    @Test
    void aRequestIsPricedCountedAndStored() throws Exception {
        String url = SpendStore.defaultJdbcUrl(data);
        try (AnthropicSimulator anthropic = AnthropicSimulator.start()) {
            anthropic.enqueue(AnthropicReply.text("priced").withUsage(100_000, 10_000, 0, 0));
            Spillway gateway = Spillway.start(ConfigLoader.withEnvironment(Map.of()).parse("""
                    model_list:
                      - model_name: "claude-*"
                        litellm_params: {model: "anthropic/*", api_base: %s}
                    """.formatted(anthropic.baseUrl()), Optional.empty()),
                    SpillwayOptions.defaults().withPort(0).withSpendDatabase(url));
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> answer;
            String metrics;
            String logs;
            String summary;
            try {
                answer = http.send(HttpRequest.newBuilder(gateway.baseUrl().resolve("/v1/messages"))
                        .header("x-api-key", "sk-ant-api03-test-caller")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-sonnet-4-5-20250929\","
                                + "\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                metrics = awaitBody(http, gateway, "/metrics", "litellm_spend_metric_total{");
                logs = awaitBody(http, gateway, "/spend/logs?summarize=false", "\"request_id\"");
                summary = awaitBody(http, gateway, "/spend/logs", "\"models\"");
            } finally {
                gateway.close();
            }

            // Sonnet 4.5: 0.1M input tokens at $3/M + 0.01M output tokens at $15/M = $0.45
            assertThat(answer.headers().firstValue("x-litellm-response-cost")).contains("0.45");
            var rows = new com.fasterxml.jackson.databind.ObjectMapper().readTree(logs);
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).get("spend").asDouble()).isEqualTo(0.45);
            assertThat(rows.get(0).get("model").asText()).isEqualTo("claude-sonnet-4-5-20250929");
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(summary).get(0).get("models")
                    .get("claude-*").asDouble()).isEqualTo(0.45);
            assertThat(metrics).contains("litellm_input_tokens_metric_total{").contains("litellm_spend_metric_total{")
                    .contains("litellm_proxy_total_requests_metric_total{");
            try (SpendStore store = SpendStore.open(url, SpendStore.DEFAULT_RETENTION)) {
                var totals = store.totals(Instant.now().minus(Duration.ofHours(1)));
                assertThat(totals.requests()).isEqualTo(1);
                assertThat(totals.costUsd().doubleValue()).isEqualTo(0.45);
                byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                        .digest("sk-ant-api03-test-caller".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                assertThat(store.recent(1).get(0).caller())
                        .as("the caller, as a hash of their key").isEqualTo(java.util.HexFormat.of().formatHex(digest, 0, 8));
            }
        }
    }

    @Test
    void spendLogsNeedTheMasterKeyWhenOneIsSet() throws Exception {
        try (AnthropicSimulator anthropic = AnthropicSimulator.start()) {
            Spillway gateway = Spillway.start(ConfigLoader.withEnvironment(Map.of()).parse("""
                    model_list:
                      - model_name: "claude-*"
                        litellm_params: {model: "anthropic/*", api_base: %s}
                    general_settings: {master_key: sk-spillway-test-admin}
                    """.formatted(anthropic.baseUrl()), Optional.empty()),
                    SpillwayOptions.defaults().withPort(0).withSpendDatabase(SpendStore.defaultJdbcUrl(data)));
            try {
                HttpClient http = HttpClient.newHttpClient();
                var uri = gateway.baseUrl().resolve("/spend/logs");
                int withCallerKey = http.send(HttpRequest.newBuilder(uri).header("x-api-key", "sk-ant-api03-test-caller")
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                int withMasterKey = http.send(HttpRequest.newBuilder(uri)
                        .header("authorization", "Bearer sk-spillway-test-admin").build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();

                assertThat(withCallerKey).isEqualTo(401);
                assertThat(withMasterKey).isEqualTo(200);
            } finally {
                gateway.close();
            }
        }
    }

    /** Spend rows and metrics are written off the request path: wait until {@code path} shows {@code marker}. */
    private static String awaitBody(HttpClient http, Spillway gateway, String path, String marker) {
        return await(path + " showing " + marker).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> http.send(HttpRequest.newBuilder(gateway.baseUrl().resolve(path)).build(),
                        HttpResponse.BodyHandlers.ofString()).body(), body -> body.contains(marker));
    }
}
