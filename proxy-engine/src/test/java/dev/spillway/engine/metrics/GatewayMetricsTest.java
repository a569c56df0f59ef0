package dev.spillway.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.within;

import dev.spillway.engine.config.AwsSettings;
import dev.spillway.engine.config.DeploymentConfig;
import dev.spillway.engine.events.RequestEvent;
import dev.spillway.engine.events.RequestEvent.Usage;
import dev.spillway.engine.provider.Provider;
import dev.spillway.engine.provider.UpstreamCall;
import dev.spillway.engine.routing.Cooldowns;
import dev.spillway.engine.routing.Deployment;
import dev.spillway.engine.routing.RouteTable;
import dev.spillway.engine.routing.Ticker;
import dev.spillway.engine.upstream.UpstreamResponse;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GatewayMetricsTest {

    private static final String KEY = "88dc28d0f030c55ed4ab77ed8faf098196cb1c05df778539800c9f1243fe6b4b";

    private final GatewayMetrics metrics = new GatewayMetrics();

    // ---- events ----

    private static RequestEvent ok(String requested, String deploymentId, String upstream, Usage usage,
            Duration latency) {
        return new RequestEvent("req-" + System.nanoTime(), Instant.now(), requested, Optional.of(requested),
                Optional.of(deploymentId), Optional.of("anthropic"), Optional.of(upstream), 200, false, latency,
                Optional.empty(), usage, false, 0, 0, Optional.empty(), false);
    }

    private static RequestEvent stream(String requested, String deploymentId, String upstream, Duration latency,
            Duration ttfb) {
        return new RequestEvent("req", Instant.now(), requested, Optional.of(requested), Optional.of(deploymentId),
                Optional.of("anthropic"), Optional.of(upstream), 200, true, latency, Optional.of(ttfb),
                new Usage(10, 20, 0, 0), false, 0, 0, Optional.empty(), false);
    }

    private static RequestEvent failed(String requested, String deploymentId, int status, String error) {
        return new RequestEvent("req", Instant.now(), requested, Optional.of(requested), Optional.of(deploymentId),
                Optional.of("anthropic"), Optional.of("claude-up"), status, false, Duration.ofMillis(30),
                Optional.empty(), Usage.NONE, false, 1, 2, Optional.of(error), false);
    }

    private static RequestEvent cacheHit(String requested) {
        return new RequestEvent("req", Instant.now(), requested, Optional.of(requested), Optional.empty(),
                Optional.of("cache"), Optional.empty(), 200, false, Duration.ofMillis(2), Optional.empty(),
                Usage.NONE, false, 0, 0, Optional.empty(), true);
    }

    private static RequestEvent unknownModel(String requested) {
        return new RequestEvent("req", Instant.now(), requested, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 400, false, Duration.ofMillis(1), Optional.empty(), Usage.NONE,
                false, 0, 0, Optional.of("invalid_request_error"), false);
    }

    private Scrape scrape() {
        return Scrape.parse(metrics.scrape());
    }

    private static Map<String, String> labels(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    // ---- tests ----

    @Test
    void requestsTokensAndSpendUseLiteLlmNamesLabelsAndValues() {
        metrics.record(ok("claude-sonnet", "dep-1", "claude-sonnet-4-5", new Usage(100, 50, 30, 20),
                Duration.ofMillis(700)), 0.25, KEY, "team-a");
        metrics.record(ok("claude-sonnet", "dep-1", "claude-sonnet-4-5", new Usage(1, 2, 0, 0),
                Duration.ofMillis(300)), 0.5, KEY, "team-a");
        metrics.record(failed("claude-sonnet", "dep-1", 429, "rate_limit_error"), 0, KEY, "team-a");

        Scrape s = scrape();

        assertThat(s.types()).containsEntry("litellm_proxy_total_requests_metric_total", "counter")
                .containsEntry("litellm_proxy_failed_requests_metric_total", "counter")
                .containsEntry("litellm_spend_metric_total", "counter")
                .containsEntry("litellm_request_total_latency_metric", "histogram");

        Map<String, String> ok = labels("requested_model", "claude-sonnet", "status_code", "200");
        Scrape.Sample total = s.one("litellm_proxy_total_requests_metric_total", ok);
        assertThat(total.value()).isEqualTo(2);
        assertThat(total.labels()).isEqualTo(new TreeMap<>(labels("requested_model", "claude-sonnet",
                "model_group", "claude-sonnet", "model_id", "dep-1", "hashed_api_key", KEY,
                "api_key_alias", "team-a", "status_code", "200")));
        assertThat(s.value("litellm_proxy_total_requests_metric_total", labels("status_code", "429"))).isEqualTo(1);

        Scrape.Sample failure = s.one("litellm_proxy_failed_requests_metric_total", Map.of());
        assertThat(failure.value()).isEqualTo(1);
        assertThat(failure.labels()).isEqualTo(new TreeMap<>(labels("requested_model", "claude-sonnet",
                "model_group", "claude-sonnet", "model_id", "dep-1", "hashed_api_key", KEY,
                "api_key_alias", "team-a", "exception_status", "429", "exception_class", "rate_limit_error")));

        Map<String, String> tokens = labels("model", "claude-sonnet-4-5");
        assertThat(s.value("litellm_input_tokens_metric_total", tokens)).isEqualTo(100 + 30 + 20 + 1);
        assertThat(s.value("litellm_output_tokens_metric_total", tokens)).isEqualTo(52);
        assertThat(s.value("litellm_total_tokens_metric_total", tokens)).isEqualTo(151 + 52);
        assertThat(s.one("litellm_total_tokens_metric_total", tokens).labels()).isEqualTo(new TreeMap<>(labels(
                "requested_model", "claude-sonnet", "model", "claude-sonnet-4-5", "model_id", "dep-1",
                "hashed_api_key", KEY, "api_key_alias", "team-a")));

        Scrape.Sample spend = s.one("litellm_spend_metric_total", tokens);
        assertThat(spend.value()).isCloseTo(0.75, within(1e-12));
        assertThat(spend.labels()).isEqualTo(new TreeMap<>(labels("model", "claude-sonnet-4-5", "model_id", "dep-1",
                "api_provider", "anthropic", "hashed_api_key", KEY, "api_key_alias", "team-a")));
        assertThat(metrics.recordingErrors()).isZero();
    }

    @Test
    void latencyHistogramsAreInSecondsWithLiteLlmBuckets() {
        metrics.record(ok("m", "d", "up", new Usage(1, 1, 0, 0), Duration.ofMillis(4)));
        metrics.record(ok("m", "d", "up", new Usage(1, 1, 0, 0), Duration.ofMillis(700)));
        metrics.record(ok("m", "d", "up", new Usage(1, 1, 0, 0), Duration.ofSeconds(700)));

        Scrape s = scrape();
        Map<String, Double> buckets = s.buckets("litellm_request_total_latency_metric", Map.of());

        assertThat(buckets.keySet()).containsExactly("0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0",
                "2.0", "5.0", "10.0", "30.0", "60.0", "120.0", "300.0", "420.0", "600.0", "+Inf");
        assertThat(buckets).containsEntry("0.005", 1.0).containsEntry("0.5", 1.0).containsEntry("1.0", 2.0)
                .containsEntry("600.0", 2.0).containsEntry("+Inf", 3.0);
        assertThat(s.value("litellm_request_total_latency_metric_count", Map.of())).isEqualTo(3);
        assertThat(s.value("litellm_request_total_latency_metric_sum", Map.of()))
                .isCloseTo(700.704, within(1e-9));
        assertThat(s.buckets("litellm_llm_api_latency_metric", labels("model", "up", "requested_model", "m")))
                .containsEntry("1.0", 2.0).containsEntry("+Inf", 3.0);
        assertThat(s.named("litellm_llm_api_time_to_first_token_metric_count")).as("no streams yet").isEmpty();
    }

    @Test
    void timeToFirstTokenOnlyForStreams() {
        metrics.record(stream("m", "d", "up", Duration.ofSeconds(3), Duration.ofMillis(40)));
        metrics.record(ok("m", "d", "up", new Usage(1, 1, 0, 0), Duration.ofMillis(40)));

        Scrape s = scrape();

        assertThat(s.value("litellm_llm_api_time_to_first_token_metric_count", Map.of())).isEqualTo(1);
        assertThat(s.buckets("litellm_llm_api_time_to_first_token_metric", Map.of()))
                .containsEntry("0.025", 0.0).containsEntry("0.05", 1.0);
        assertThat(s.value("litellm_request_total_latency_metric_count", Map.of())).isEqualTo(2);
    }

    @Test
    void cacheHitsAndMissesAndFallbacks() {
        metrics.setResponseCacheEnabled(true);
        metrics.record(cacheHit("m"));
        metrics.record(cacheHit("m"));
        metrics.record(ok("m", "d", "up", new Usage(1, 1, 0, 0), Duration.ofMillis(40)));
        RequestEvent fb = new RequestEvent("r", Instant.now(), "m", Optional.of("m-backup"), Optional.of("d2"),
                Optional.of("bedrock"), Optional.of("up2"), 200, false, Duration.ofMillis(5), Optional.empty(),
                new Usage(1, 1, 0, 0), true, 1, 0, Optional.empty(), false);
        metrics.record(fb);

        Scrape s = scrape();

        assertThat(s.value("litellm_cache_hits_metric_total", labels("requested_model", "m"))).isEqualTo(2);
        assertThat(s.one("litellm_cache_hits_metric_total", Map.of()).labels().keySet())
                .containsExactlyInAnyOrder("requested_model", "model_group", "hashed_api_key", "api_key_alias");
        assertThat(s.value("litellm_cache_misses_metric_total", labels("model_group", "m"))).isEqualTo(1);
        assertThat(s.value("litellm_cache_misses_metric_total", labels("model_group", "m-backup"))).isEqualTo(1);
        assertThat(s.value("spillway_fallbacks_total", labels("requested_model", "m", "model_group", "m-backup")))
                .isEqualTo(1);
        assertThat(s.named("litellm_input_tokens_metric_total")).as("cache hits cost no tokens")
                .allSatisfy(x -> assertThat(x.labels().get("model")).isNotEmpty());
    }

    @Test
    void noCacheMissesWithoutAResponseCache() {
        metrics.record(ok("m", "d", "up", new Usage(1, 1, 0, 0), Duration.ofMillis(40)));

        assertThat(scrape().named("litellm_cache_misses_metric_total")).isEmpty();
    }

    @Test
    void requestedModelLabelIsCappedAndUnresolvedNamesAreFolded() {
        GatewayMetrics small = new GatewayMetrics(3, 10);
        for (int i = 0; i < 10; i++) {
            small.record(ok("model-" + i, "d", "up", new Usage(1, 1, 0, 0), Duration.ofMillis(1)));
        }
        small.record(unknownModel("random-junk-" + System.nanoTime()));

        Scrape s = Scrape.parse(small.scrape());
        Set<String> requested = s.named("litellm_proxy_total_requests_metric_total").stream()
                .map(x -> x.labels().get("requested_model")).collect(Collectors.toSet());

        assertThat(requested).containsExactlyInAnyOrder("model-0", "model-1", "model-2", "other");
        assertThat(s.value("litellm_proxy_total_requests_metric_total",
                labels("requested_model", "other", "status_code", "200"))).isEqualTo(7);
        assertThat(s.value("litellm_proxy_total_requests_metric_total",
                labels("requested_model", "other", "status_code", "400"))).isEqualTo(1);
        assertThat(s.samples()).allSatisfy(x -> assertThat(x.labels()).doesNotContainKey("request_id"));
    }

    @Test
    void deploymentStateFollowsCooldownsAtScrapeTime() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        Ticker ticker = now::get;
        Cooldowns cooldowns = new Cooldowns(ticker, 0, Duration.ofSeconds(60));
        RouteTable routes = new RouteTable(List.of(
                deployment("claude", "anthropic", "claude-sonnet-4-5", "dep-a", "https://api.anthropic.com"),
                deployment("claude", "bedrock", "anthropic.claude-sonnet", "dep-b", "https://bedrock.invalid")),
                Map.of());
        metrics.trackDeployments(routes, cooldowns);

        Map<String, String> a = labels("model_id", "dep-a");
        assertThat(scrape().value("litellm_deployment_state", a)).isEqualTo(0);
        assertThat(scrape().one("litellm_deployment_state", a).labels()).isEqualTo(new TreeMap<>(labels(
                "litellm_model_name", "claude-sonnet-4-5", "model_id", "dep-a",
                "api_base", "https://api.anthropic.com", "api_provider", "anthropic")));

        assertThat(cooldowns.recordFailure("dep-a", Optional.empty())).isTrue();
        metrics.deploymentCooledDown("dep-a", 529);

        Scrape cooling = scrape();
        assertThat(cooling.value("litellm_deployment_state", a)).isEqualTo(2);
        assertThat(cooling.value("litellm_deployment_state", labels("model_id", "dep-b"))).isEqualTo(0);
        Scrape.Sample cooled = cooling.one("litellm_deployment_cooled_down_total", Map.of());
        assertThat(cooled.value()).isEqualTo(1);
        assertThat(cooled.labels()).isEqualTo(new TreeMap<>(labels("litellm_model_name", "claude-sonnet-4-5",
                "model_id", "dep-a", "api_base", "https://api.anthropic.com", "api_provider", "anthropic",
                "exception_status", "529")));

        now.addAndGet(Duration.ofSeconds(60).toNanos());
        assertThat(scrape().value("litellm_deployment_state", a)).as("cooldown over").isEqualTo(0);

        metrics.record(failed("claude", "dep-b", 503, "api_error"));
        assertThat(scrape().value("litellm_deployment_state", labels("model_id", "dep-b")))
                .as("last call failed: partial outage").isEqualTo(1);
        metrics.record(ok("claude", "dep-b", "anthropic.claude-sonnet", new Usage(1, 1, 0, 0), Duration.ofMillis(1)));
        assertThat(scrape().value("litellm_deployment_state", labels("model_id", "dep-b"))).isEqualTo(0);

        metrics.trackDeployments(new RouteTable(List.of(
                deployment("claude", "anthropic", "claude-sonnet-4-5", "dep-a", "https://api.anthropic.com")),
                Map.of()), cooldowns);
        assertThat(scrape().named("litellm_deployment_state")).as("reload drops removed deployments")
                .extracting(x -> x.labels().get("model_id")).containsExactly("dep-a");
    }

    @Test
    void droppedGaugesReadTheirSuppliersAtScrapeTime() {
        AtomicLong events = new AtomicLong();
        AtomicLong rows = new AtomicLong(3);
        metrics.bindEventsDropped(events::get);
        metrics.bindSpendRowsDropped(rows::get);
        events.set(7);

        Scrape s = scrape();

        assertThat(s.types()).containsEntry("spillway_events_dropped", "gauge")
                .containsEntry("spillway_spend_rows_dropped", "gauge");
        assertThat(s.value("spillway_events_dropped", Map.of())).isEqualTo(7);
        assertThat(s.value("spillway_spend_rows_dropped", Map.of())).isEqualTo(3);
    }

    @Test
    void recordingNeverThrows() {
        RequestEvent broken = new RequestEvent(null, null, null, null, null, null, null, 0, false, null, null, null,
                false, 0, 0, null, false);

        assertThatCode(() -> metrics.record(broken, Double.NaN, null, null)).doesNotThrowAnyException();
        assertThatCode(() -> metrics.deploymentCooledDown(null, -1)).doesNotThrowAnyException();
        assertThatCode(() -> metrics.record(ok("m", "d", "up", null, null), -5, null, null))
                .doesNotThrowAnyException();
        assertThatCode(metrics::scrape).doesNotThrowAnyException();
    }

    @Test
    void contentTypeIsPrometheusText() {
        assertThat(metrics.contentType()).isEqualTo(PrometheusTextFormatWriter.CONTENT_TYPE);
    }

    @Test
    void overheadIsTheLatencyNotSpentUpstreamAndApiLatencyTheRest() {
        RequestEvent event = new RequestEvent("req", Instant.now(), "m", Optional.of("m"), Optional.of("dep-1"),
                Optional.of("anthropic"), Optional.of("claude-up"), 200, false, Duration.ofMillis(1000),
                Optional.empty(), new Usage(1, 1, 0, 0), false, 0, 0, Optional.empty(), false, Optional.of(KEY),
                Optional.of(Duration.ofMillis(960)));

        metrics.record(event, 0.01, KEY, "laptop");

        Scrape scrape = scrape();
        Map<String, String> labels = Map.of("model_id", "dep-1", "api_key_alias", "laptop", "hashed_api_key", KEY,
                "api_provider", "anthropic", "model_group", "m", "litellm_model_name", "claude-up");
        assertThat(scrape.value("litellm_overhead_latency_metric_sum", labels)).isCloseTo(0.040, within(1e-9));
        assertThat(scrape.value("litellm_llm_api_latency_metric_sum", Map.of("model_id", "dep-1")))
                .isCloseTo(0.960, within(1e-9));
        assertThat(scrape.buckets("litellm_overhead_latency_metric", labels)).containsEntry("0.05", 1.0)
                .containsEntry("0.025", 0.0);
    }

    @Test
    void everyExportedNameIsLiteLlmsOrSpillways() {
        metrics.setResponseCacheEnabled(true);
        metrics.record(stream("m", "d", "up", Duration.ofSeconds(1), Duration.ofMillis(10)), 1, KEY, "a");
        metrics.record(failed("m", "d", 500, "api_error"), 0, KEY, "a");
        metrics.record(cacheHit("m"));
        metrics.deploymentCooledDown("d", 500);
        metrics.bindEventsDropped(() -> 0);
        metrics.bindSpendRowsDropped(() -> 0);

        Set<String> families = scrape().types().keySet();

        assertThat(families).containsExactlyInAnyOrder(
                "litellm_proxy_total_requests_metric_total", "litellm_proxy_failed_requests_metric_total",
                "litellm_total_tokens_metric_total", "litellm_input_tokens_metric_total", "litellm_output_tokens_metric_total",
                "litellm_spend_metric_total", "litellm_request_total_latency_metric",
                "litellm_request_total_latency_metric_max", "litellm_llm_api_latency_metric",
                "litellm_llm_api_latency_metric_max", "litellm_llm_api_time_to_first_token_metric",
                "litellm_llm_api_time_to_first_token_metric_max", "litellm_deployment_cooled_down_total",
                "litellm_overhead_latency_metric", "litellm_overhead_latency_metric_max",
                "litellm_cache_hits_metric_total", "litellm_cache_misses_metric_total", "spillway_events_dropped",
                "spillway_spend_rows_dropped");
    }

    // ---- deployments ----

    private static Deployment deployment(String group, String provider, String model, String id, String apiBase) {
        DeploymentConfig config = new DeploymentConfig(group, provider, model, id, Optional.empty(),
                Optional.empty(), Optional.empty(), AwsSettings.none(), Map.of(), Map.of());
        return new Deployment(config, new FixedProvider(provider, apiBase));
    }

    private record FixedProvider(String name, String apiBase) implements Provider {
        @Override
        public CompletableFuture<UpstreamResponse> send(UpstreamCall call) {
            throw new AssertionError("not called");
        }
    }
}
