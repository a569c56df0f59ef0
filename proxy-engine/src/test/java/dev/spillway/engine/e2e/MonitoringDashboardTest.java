package dev.spillway.engine.e2e;

import static dev.spillway.engine.e2e.GatewayFixture.MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.spillway.engine.spend.SpendStore;
import dev.spillway.simulators.AnthropicReply;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code monitoring/} folder fits the gateway: every metric the Grafana dashboard queries is in a real
 * {@code /metrics} scrape after traffic that exercises them all, and Prometheus and Grafana point at each other.
 */
class MonitoringDashboardTest {

    private static final Path MONITORING = Path.of("").toAbsolutePath().getParent().resolve("monitoring");
    private static final Pattern METRIC = Pattern.compile("\\b((?:litellm|spillway)_[a-z0-9_]+)\\b");
    /** Label lists and matchers, whose names (e.g. litellm_model_name) are not metrics. */
    private static final Pattern LABELS = Pattern.compile("\\b(?:by|without)\\s*\\([^)]*\\)|\\{[^}]*}");

    @TempDir
    Path data;

    @Test
    void everyMetricTheDashboardQueriesIsExported() throws Exception {
        Set<String> queried = queriedMetrics();
        String scrape;
        String routerYaml = "  num_retries: 0\n  timeout: 5\n  allowed_fails: 0\n  cooldown_time: 60";
        try (GatewayFixture fixture = new GatewayFixture(o -> o.withSpendDatabase(SpendStore.defaultJdbcUrl(data)),
                routerYaml, CacheTest.CACHE_YAML)) {
            fixture.anthropic.enqueue(AnthropicReply.text("cached").withUsage(10, 5, 0, 0));
            send(fixture, GatewayFixture.body(MODEL, false));
            send(fixture, GatewayFixture.body(MODEL, false)); // a cache hit
            send(fixture, GatewayFixture.body(MODEL, true));
            fixture.anthropic.enqueue(AnthropicReply.rateLimited(30)); // a cooldown and a fallback to Bedrock
            send(fixture, "{\"model\":\"%s\",\"max_tokens\":9,\"messages\":[{\"role\":\"user\",\"content\":\"again\"}]}"
                    .formatted(MODEL).getBytes(StandardCharsets.UTF_8));
            send(fixture, GatewayFixture.body("gpt-unknown", false)); // a failure
            for (int i = 0; i < 5; i++) {
                fixture.nextEvent();
            }
            scrape = awaitScrape(fixture, queried);
        }
        Set<String> exported = Arrays.stream(scrape.split("\n"))
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("[{ ]", 2)[0])
                .collect(Collectors.toSet());

        assertThat(queried).hasSizeGreaterThanOrEqualTo(14)
                .contains("litellm_overhead_latency_metric_bucket", "litellm_spend_metric_total",
                        "litellm_deployment_state", "litellm_cache_hits_metric_total", "spillway_spend_rows_dropped");
        assertThat(exported).containsAll(queried);
    }

    @Test
    void prometheusScrapesTheGatewayAndGrafanaReadsThatPrometheus() throws Exception {
        YAMLMapper yaml = new YAMLMapper();
        JsonNode prometheus = yaml.readTree(MONITORING.resolve("prometheus.yml").toFile());
        JsonNode datasource = yaml.readTree(MONITORING.resolve("grafana/provisioning/datasources/spillway.yml")
                .toFile()).path("datasources").get(0);
        JsonNode dashboard = new ObjectMapper().readTree(MONITORING.resolve("grafana/dashboards/spillway.json")
                .toFile());

        JsonNode job = prometheus.path("scrape_configs").get(0);
        assertThat(job.path("metrics_path").asText()).isEqualTo("/metrics");
        assertThat(job.path("static_configs").get(0).path("targets").get(0).asText()).isEqualTo("127.0.0.1:47000");
        assertThat(datasource.path("url").asText()).isEqualTo("http://127.0.0.1:47090");
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText())
                    .isEqualTo(datasource.path("uid").asText());
        }
    }

    private static Set<String> queriedMetrics() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(MONITORING.resolve("grafana/dashboards/spillway.json")
                .toFile());
        Set<String> names = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher m = METRIC.matcher(LABELS.matcher(target.path("expr").asText()).replaceAll(" "));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    private static void send(GatewayFixture fixture, byte[] body) throws Exception {
        fixture.post("/v1/messages", body);
    }

    /** Counters appear with their first count, which the event listener makes shortly after the request. */
    private static String awaitScrape(GatewayFixture fixture, Set<String> wanted) {
        HttpClient http = HttpClient.newHttpClient();
        return await("every metric the dashboard queries in /metrics: " + wanted).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> http.send(HttpRequest.newBuilder(fixture.baseUrl().resolve("/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body(),
                        body -> wanted.stream().allMatch(name -> body.contains("\n" + name + "{")
                                || body.contains("\n" + name + " ")));
    }
}
