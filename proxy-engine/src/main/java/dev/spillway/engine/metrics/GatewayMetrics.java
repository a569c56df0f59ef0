package dev.spillway.engine.metrics;

import dev.spillway.engine.events.RequestEvent;
import dev.spillway.engine.routing.Cooldowns;
import dev.spillway.engine.routing.Deployment;
import dev.spillway.engine.routing.ModelGroup;
import dev.spillway.engine.routing.RouteTable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.NamingConvention;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusNamingConvention;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prometheus metrics with LiteLLM's names, label names and latency buckets, so that dashboards built for the LiteLLM
 * proxy work against Spillway. Owns its own {@link PrometheusMeterRegistry} (never the global one).
 *
 * <p>Counters are named without {@code _total}; the Prometheus exposition appends it, exactly as LiteLLM's Python
 * client does: {@code litellm_proxy_total_requests_metric_total}, {@code litellm_cache_hits_metric_total}, …
 * Histograms are in seconds with LiteLLM's buckets {@link #LATENCY_BUCKETS_SECONDS}; Micrometer additionally exports
 * a {@code <name>_max} gauge for each.
 *
 * <p>Label values that could grow without bound are capped: requested model names, upstream model names, model
 * groups, deployment ids, API key hashes and aliases and error types each keep their first N distinct values and fold
 * the rest into {@code "other"}. A request whose model resolved to no group is labelled {@code requested_model="other"}
 * (the client chose that name, not the configuration).
 *
 * <p>Every recording method is cheap (a few hash lookups and atomic adds) and never throws: a failure is logged once
 * and counted in {@link #recordingErrors()}.
 */
public final class GatewayMetrics implements Consumer<RequestEvent> {

    private static final Logger log = LoggerFactory.getLogger(GatewayMetrics.class);

    /** The content type of {@link #scrape()}: Prometheus text format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** LiteLLM's latency histogram buckets, in seconds ({@code +Inf} is implicit). */
    public static final double[] LATENCY_BUCKETS_SECONDS = {
        0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 420, 600};

    public static final int DEFAULT_MAX_MODEL_NAMES = 200;
    public static final int DEFAULT_MAX_API_KEYS = 1000;

    /** What an over-the-cap label value becomes. */
    public static final String OTHER = LabelCap.OTHER;

    // Metric names as exported (counters gain _total at exposition).
    static final String TOTAL_REQUESTS = "litellm_proxy_total_requests_metric";
    static final String FAILED_REQUESTS = "litellm_proxy_failed_requests_metric";
    static final String TOTAL_TOKENS = "litellm_total_tokens_metric";
    static final String INPUT_TOKENS = "litellm_input_tokens_metric";
    static final String OUTPUT_TOKENS = "litellm_output_tokens_metric";
    static final String SPEND = "litellm_spend_metric";
    static final String TOTAL_LATENCY = "litellm_request_total_latency_metric";
    static final String API_LATENCY = "litellm_llm_api_latency_metric";
    static final String TTFT = "litellm_llm_api_time_to_first_token_metric";
    static final String OVERHEAD_LATENCY = "litellm_overhead_latency_metric";
    static final String DEPLOYMENT_STATE = "litellm_deployment_state";
    static final String COOLED_DOWN = "litellm_deployment_cooled_down";
    static final String CACHE_HITS = "litellm_cache_hits_metric";
    static final String CACHE_MISSES = "litellm_cache_misses_metric";
    static final String FALLBACKS = "spillway_fallbacks";
    static final String SPEND_ROWS_DROPPED = "spillway_spend_rows_dropped";
    static final String EVENTS_DROPPED = "spillway_events_dropped";

    private static final Duration[] LATENCY_BUCKETS = toDurations(LATENCY_BUCKETS_SECONDS);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private final LabelCap requestedModels;
    private final LabelCap models;
    private final LabelCap modelGroups;
    private final LabelCap deploymentIds;
    private final LabelCap providers = new LabelCap(50);
    private final LabelCap apiKeys;
    private final LabelCap apiKeyAliases;
    private final LabelCap errorClasses = new LabelCap(50);

    private final MeterFamily<Counter> totalRequests;
    private final MeterFamily<Counter> failedRequests;
    private final MeterFamily<Counter> totalTokens;
    private final MeterFamily<Counter> inputTokens;
    private final MeterFamily<Counter> outputTokens;
    private final MeterFamily<Counter> spend;
    private final MeterFamily<Timer> totalLatency;
    private final MeterFamily<Timer> apiLatency;
    private final MeterFamily<Timer> timeToFirstToken;
    private final MeterFamily<Timer> overheadLatency;
    private final MeterFamily<Counter> cooledDown;
    private final MeterFamily<Counter> cacheHits;
    private final MeterFamily<Counter> cacheMisses;
    private final MeterFamily<Counter> fallbacks;

    /** Deployments whose state gauge is registered, by id. */
    private final Map<String, DeploymentLabels> deployments = new ConcurrentHashMap<>();
    private final List<Gauge> deploymentGauges = new ArrayList<>();
    /** Tracked deployments whose last call failed (partial outage). */
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private volatile Cooldowns cooldowns;
    private volatile boolean responseCacheEnabled;

    private final AtomicLong errors = new AtomicLong();

    private record DeploymentLabels(String modelName, String modelId, String apiBase, String provider) {
    }

    public GatewayMetrics() {
        this(DEFAULT_MAX_MODEL_NAMES, DEFAULT_MAX_API_KEYS);
    }

    /**
     * @param maxModelNames distinct values kept for each model-name label ({@code requested_model}, {@code model},
     *     {@code model_group}, {@code model_id}) before folding into {@code "other"}
     * @param maxApiKeys distinct values kept for {@code hashed_api_key} and {@code api_key_alias}
     */
    public GatewayMetrics(int maxModelNames, int maxApiKeys) {
        requestedModels = new LabelCap(maxModelNames);
        models = new LabelCap(maxModelNames);
        modelGroups = new LabelCap(maxModelNames);
        deploymentIds = new LabelCap(Math.max(maxModelNames, 1000));
        apiKeys = new LabelCap(maxApiKeys);
        apiKeyAliases = new LabelCap(maxApiKeys);
        registry.config().namingConvention(new LiteLlmNaming());

        totalRequests = counters(TOTAL_REQUESTS, "Total requests to the proxy",
                "requested_model", "model_group", "model_id", "hashed_api_key", "api_key_alias", "status_code");
        failedRequests = counters(FAILED_REQUESTS, "Failed responses from the proxy",
                "requested_model", "model_group", "model_id", "hashed_api_key", "api_key_alias",
                "exception_status", "exception_class");
        totalTokens = counters(TOTAL_TOKENS, "Input + output tokens",
                "requested_model", "model", "model_id", "hashed_api_key", "api_key_alias");
        inputTokens = counters(INPUT_TOKENS, "Input tokens, cache reads and writes included",
                "requested_model", "model", "model_id", "hashed_api_key", "api_key_alias");
        outputTokens = counters(OUTPUT_TOKENS, "Output tokens",
                "requested_model", "model", "model_id", "hashed_api_key", "api_key_alias");
        spend = counters(SPEND, "Spend in USD",
                "model", "model_id", "api_provider", "hashed_api_key", "api_key_alias");
        totalLatency = histograms(TOTAL_LATENCY, "Seconds from request arrival to the last byte sent",
                "requested_model", "model", "model_id", "hashed_api_key", "api_key_alias");
        overheadLatency = histograms(OVERHEAD_LATENCY, "Seconds the proxy added: total latency minus the time spent "
                + "on upstream calls", "model_group", "api_provider", "api_base", "litellm_model_name",
                "hashed_api_key", "api_key_alias", "model_id");
        apiLatency = histograms(API_LATENCY, "Seconds spent on the LLM API call",
                "requested_model", "model", "model_id", "hashed_api_key", "api_key_alias");
        timeToFirstToken = histograms(TTFT, "Seconds to the first streamed byte",
                "requested_model", "model", "model_id", "hashed_api_key", "api_key_alias");
        cooledDown = counters(COOLED_DOWN, "Times a deployment was put into cooldown",
                "litellm_model_name", "model_id", "api_base", "api_provider", "exception_status");
        cacheHits = counters(CACHE_HITS, "Responses served from the response cache",
                "requested_model", "model_group", "hashed_api_key", "api_key_alias");
        cacheMisses = counters(CACHE_MISSES, "Cacheable requests not found in the response cache",
                "requested_model", "model_group", "hashed_api_key", "api_key_alias");
        fallbacks = counters(FALLBACKS, "Requests answered by a fallback model group",
                "requested_model", "model_group");
    }

    private MeterFamily<Counter> counters(String name, String help, String... labels) {
        return new MeterFamily<>(List.of(labels),
                tags -> Counter.builder(name).description(help).tags(tags).register(registry));
    }

    /**
     * Latency histograms are Micrometer timers: a distribution summary rounds values up to whole units in its
     * buckets, a timer keeps nanoseconds and is exported in seconds.
     */
    private MeterFamily<Timer> histograms(String name, String help, String... labels) {
        return new MeterFamily<>(List.of(labels), tags -> Timer.builder(name)
                .description(help)
                .tags(tags)
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .minimumExpectedValue(LATENCY_BUCKETS[0])
                .maximumExpectedValue(LATENCY_BUCKETS[LATENCY_BUCKETS.length - 1])
                .register(registry));
    }

    private static Duration[] toDurations(double[] seconds) {
        Duration[] out = new Duration[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            out[i] = Duration.ofNanos(Math.round(seconds[i] * 1e9));
        }
        return out;
    }

    /**
     * Prometheus naming, except that timers do not get {@code _seconds} appended: LiteLLM's histogram names have no
     * unit suffix.
     */
    private static final class LiteLlmNaming implements NamingConvention {
        private final NamingConvention prometheus = new PrometheusNamingConvention();

        @Override
        public String name(String name, Meter.Type type, String baseUnit) {
            if (type == Meter.Type.TIMER || type == Meter.Type.LONG_TASK_TIMER) {
                return prometheus.name(name, Meter.Type.DISTRIBUTION_SUMMARY, null);
            }
            return prometheus.name(name, type, baseUnit);
        }

        @Override
        public String tagKey(String key) {
            return prometheus.tagKey(key);
        }

        @Override
        public String tagValue(String value) {
            return prometheus.tagValue(value);
        }
    }

    /** Records an event without key information or cost (for a {@code RequestEvents.subscribe}). */
    @Override
    public void accept(RequestEvent event) {
        record(event);
    }

    public void record(RequestEvent event) {
        record(event, 0, "", "");
    }

    /**
     * Records one finished request.
     *
     * @param costUsd what the request cost; not finite or negative counts as 0
     * @param hashedApiKey the SHA-256 hex of the client's key, as in the spend log; null or empty if none
     * @param apiKeyAlias the key's alias; null or empty if none
     */
    public void record(RequestEvent event, double costUsd, String hashedApiKey, String apiKeyAlias) {
        try {
            doRecord(event, costUsd, hashedApiKey, apiKeyAlias);
        } catch (RuntimeException | LinkageError e) {
            failed(e);
        }
    }

    private void doRecord(RequestEvent e, double costUsd, String hashedApiKey, String apiKeyAlias) {
        String group = modelGroups.apply(e.modelGroup().orElse(""));
        String requested = group.isEmpty() ? OTHER : requestedModels.apply(e.requestedModel());
        String deploymentId = e.deploymentId().orElse("");
        String modelId = deploymentIds.apply(deploymentId);
        String model = models.apply(e.upstreamModel().orElse(""));
        String provider = providers.apply(e.provider().orElse(""));
        String key = apiKeys.apply(hashedApiKey);
        String alias = apiKeyAliases.apply(apiKeyAlias);
        int status = e.status();
        boolean upstreamCalled = !e.cacheHit() && !deploymentId.isEmpty();

        totalRequests.get(requested, group, modelId, key, alias, statusLabel(status)).increment();
        if (status >= 400) {
            String errorClass = errorClasses.apply(e.error().orElse(defaultErrorClass(status)));
            failedRequests.get(requested, group, modelId, key, alias, statusLabel(status), errorClass).increment();
        }
        Duration upstream = e.upstreamLatency() == null ? null : e.upstreamLatency().orElse(null);
        if (e.latency() != null) {
            totalLatency.get(requested, model, modelId, key, alias).record(e.latency());
            Duration overhead = upstream == null ? e.latency() : e.latency().minus(upstream);
            DeploymentLabels d = deployments.get(deploymentId);
            overheadLatency.get(group, provider, d == null ? "" : d.apiBase(), model, key, alias, modelId)
                    .record(overhead.isNegative() ? Duration.ZERO : overhead);
        }
        if (e.cacheHit()) {
            cacheHits.get(requested, group, key, alias).increment();
        } else if (responseCacheEnabled && !group.isEmpty()) {
            cacheMisses.get(requested, group, key, alias).increment();
        }
        if (e.fallbackTaken()) {
            fallbacks.get(requested, group).increment();
        }
        if (!upstreamCalled) {
            return;
        }
        RequestEvent.Usage usage = e.usage() == null ? RequestEvent.Usage.NONE : e.usage();
        long input = usage.inputTokens() + usage.cacheReadTokens() + usage.cacheWriteTokens();
        long output = usage.outputTokens();
        inputTokens.get(requested, model, modelId, key, alias).increment(input);
        outputTokens.get(requested, model, modelId, key, alias).increment(output);
        totalTokens.get(requested, model, modelId, key, alias).increment(input + output);
        spend.get(model, modelId, provider, key, alias)
                .increment(Double.isFinite(costUsd) && costUsd > 0 ? costUsd : 0);
        if (upstream != null || e.latency() != null) {
            apiLatency.get(requested, model, modelId, key, alias).record(upstream != null ? upstream : e.latency());
        }
        if (e.stream() && e.timeToFirstByte() != null && e.timeToFirstByte().isPresent()) {
            timeToFirstToken.get(requested, model, modelId, key, alias).record(e.timeToFirstByte().get());
        }
        if (deployments.containsKey(deploymentId)) {
            if (status >= 200 && status < 300) {
                failing.remove(deploymentId);
            } else if (isDeploymentFailure(status)) {
                failing.add(deploymentId);
            }
        }
    }

    /** Statuses that say the deployment, not the client, is in trouble. */
    private static boolean isDeploymentFailure(int status) {
        return status >= 500 || status == 429 || status == 408;
    }

    private static String statusLabel(int status) {
        return status >= 100 && status <= 599 ? Integer.toString(status) : OTHER;
    }

    private static String defaultErrorClass(int status) {
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 408 -> "timeout_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 499 -> "client_closed_request";
            case 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "error";
        };
    }

    /**
     * Registers a {@code litellm_deployment_state} gauge for every deployment of {@code routes}, read at scrape time:
     * 2 (complete outage) while {@code cooldowns} has it cooling down, 1 (partial outage) when its last call failed
     * (429, 408 or 5xx), else 0. Calling it again (after a config reload) replaces the previous set.
     */
    public synchronized void trackDeployments(RouteTable routes, Cooldowns cooldowns) {
        try {
            this.cooldowns = cooldowns;
            deploymentGauges.forEach(registry::remove);
            deploymentGauges.clear();
            Map<String, DeploymentLabels> fresh = new LinkedHashMap<>();
            for (ModelGroup group : routes.groups()) {
                for (Deployment d : group.deployments()) {
                    fresh.putIfAbsent(d.id(), labelsOf(d));
                }
            }
            deployments.keySet().retainAll(fresh.keySet());
            deployments.putAll(fresh);
            failing.retainAll(fresh.keySet());
            for (DeploymentLabels l : fresh.values()) {
                String id = l.modelId();
                deploymentGauges.add(Gauge.builder(DEPLOYMENT_STATE, () -> deploymentState(id))
                        .description("Deployment state: 0 healthy, 1 partial outage, 2 complete outage")
                        .tags("litellm_model_name", l.modelName(), "model_id", id,
                                "api_base", l.apiBase(), "api_provider", l.provider())
                        .register(registry));
            }
        } catch (RuntimeException | LinkageError e) {
            failed(e);
        }
    }

    private static DeploymentLabels labelsOf(Deployment d) {
        String apiBase = "";
        String provider = "";
        try {
            apiBase = nullToEmpty(d.provider().apiBase());
            provider = nullToEmpty(d.provider().name());
        } catch (RuntimeException e) {
            log.debug("Deployment {} has no provider details", d.id(), e);
        }
        return new DeploymentLabels(nullToEmpty(d.config().model()), d.id(), apiBase, provider);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** The value of the state gauge: 0 healthy, 1 partial outage, 2 complete outage. */
    int deploymentState(String deploymentId) {
        try {
            Cooldowns c = cooldowns;
            if (c != null && c.isCoolingDown(deploymentId)) {
                return 2;
            }
            return failing.contains(deploymentId) ? 1 : 0;
        } catch (RuntimeException e) {
            failed(e);
            return 0;
        }
    }

    /**
     * Counts {@code litellm_deployment_cooled_down_total}; for the router to call when {@code Cooldowns.recordFailure}
     * returns true.
     *
     * @param exceptionStatus the HTTP status of the failure that started the cooldown
     */
    public void deploymentCooledDown(String deploymentId, int exceptionStatus) {
        try {
            DeploymentLabels l = deployments.get(deploymentId);
            if (l == null) {
                l = new DeploymentLabels("", deploymentIds.apply(deploymentId), "", "");
            }
            cooledDown.get(l.modelName(), l.modelId(), l.apiBase(), l.provider(), statusLabel(exceptionStatus))
                    .increment();
        } catch (RuntimeException | LinkageError e) {
            failed(e);
        }
    }

    /** Marks a tracked deployment as in partial outage, for a failed attempt the final event does not show. */
    public void deploymentFailed(String deploymentId) {
        if (deploymentId != null && deployments.containsKey(deploymentId)) {
            failing.add(deploymentId);
        }
    }

    /** Marks a tracked deployment healthy again. */
    public void deploymentSucceeded(String deploymentId) {
        if (deploymentId != null) {
            failing.remove(deploymentId);
        }
    }

    /** Exports {@code spillway_events_dropped}, e.g. {@code requestEvents::dropped}. */
    public void bindEventsDropped(LongSupplier dropped) {
        bindGauge(EVENTS_DROPPED, "Request events dropped because listeners were too slow", dropped);
    }

    /** Exports {@code spillway_spend_rows_dropped}, read from the spend writer at scrape time. */
    public void bindSpendRowsDropped(LongSupplier dropped) {
        bindGauge(SPEND_ROWS_DROPPED, "Spend log rows dropped because the writer queue was full", dropped);
    }

    private void bindGauge(String name, String help, LongSupplier source) {
        try {
            Gauge.builder(name, () -> {
                try {
                    return source.getAsLong();
                } catch (RuntimeException e) {
                    failed(e);
                    return Double.NaN;
                }
            }).description(help).register(registry);
        } catch (RuntimeException | LinkageError e) {
            failed(e);
        }
    }

    /** Whether a response cache is configured: only then does a request that was not a hit count as a cache miss. */
    public void setResponseCacheEnabled(boolean enabled) {
        this.responseCacheEnabled = enabled;
    }

    /** All metrics in the Prometheus text format; serve with {@link #contentType()}. */
    public String scrape() {
        return registry.scrape();
    }

    public String contentType() {
        return CONTENT_TYPE;
    }

    /** The registry, for anything else the gateway wants to publish (JVM metrics binders, …). */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Recordings that failed and were swallowed. */
    public long recordingErrors() {
        return errors.get();
    }

    private void failed(Throwable e) {
        if (errors.getAndIncrement() == 0) {
            log.warn("Recording a metric failed (further failures are only counted)", e);
        }
    }
}
