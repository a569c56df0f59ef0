package dev.spillway.engine.pipeline;

import dev.spillway.engine.config.DeploymentConfig;
import dev.spillway.engine.config.RouterSettings;
import dev.spillway.engine.config.RoutingStrategy;
import dev.spillway.engine.request.ClientRequest;
import dev.spillway.engine.request.Operation;
import dev.spillway.engine.routing.Cooldowns;
import dev.spillway.engine.routing.Deployment;
import dev.spillway.engine.routing.LoadBalancer;
import dev.spillway.engine.routing.RouteTable;
import dev.spillway.engine.routing.TestDeployments;
import dev.spillway.engine.upstream.RequestHeaders;
import dev.spillway.engine.upstream.UpstreamResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The production pipeline (fallback, retry, upstream call) over a route table of real deployment configs whose
 * providers are {@link ScriptedProvider}s. Configure, then {@link #send}; cooldowns run on a fake clock.
 */
final class Gateway {

    final AtomicLong clock = new AtomicLong(1_000_000_000_000L);
    private final List<Deployment> deployments = new ArrayList<>();
    private final Map<String, List<String>> fallbacks = new LinkedHashMap<>();
    private final Map<String, Integer> retryPolicy = new LinkedHashMap<>();
    private int numRetries;
    private int allowedFails;
    private Duration cooldownTime = Duration.ofSeconds(60);
    private Duration timeout = Duration.ofSeconds(10);
    private RoutingStrategy strategy = RoutingStrategy.SIMPLE_SHUFFLE;
    /** Always 0: the weighted shuffle then keeps configuration order, so tests know who is called first. */
    private Supplier<RandomGenerator> random = () -> () -> 0L;
    private RouteTable routes;
    private Cooldowns cooldowns;
    private LoadBalancer balancer;
    private Pipeline pipeline;

    /** Adds a deployment to group {@code group}; {@code providerAndModel} as in {@code litellm_params.model}. */
    ScriptedProvider deploy(String group, String providerAndModel, String id) {
        return deploy(group, providerAndModel, id, Optional.empty());
    }

    ScriptedProvider deploy(String group, String providerAndModel, String id, Optional<Duration> deploymentTimeout) {
        return deploy(group, providerAndModel, id, deploymentTimeout, Map.of());
    }

    /** @param params routing parameters such as {@code rpm}, {@code tpm}, {@code weight}, {@code order} */
    ScriptedProvider deploy(String group, String providerAndModel, String id, Map<String, Object> params) {
        return deploy(group, providerAndModel, id, Optional.empty(), params);
    }

    private ScriptedProvider deploy(String group, String providerAndModel, String id,
            Optional<Duration> deploymentTimeout, Map<String, Object> params) {
        return deploy(TestDeployments.config(group, providerAndModel, id, deploymentTimeout, params));
    }

    /** Adds a deployment as configured, e.g. with its own {@code api_key}. */
    ScriptedProvider deploy(DeploymentConfig config) {
        requireNotBuilt();
        ScriptedProvider scripted = new ScriptedProvider(config.provider());
        deployments.add(new Deployment(config, scripted));
        return scripted;
    }

    Gateway fallback(String group, String... targets) {
        requireNotBuilt();
        fallbacks.put(group, List.of(targets));
        return this;
    }

    Gateway numRetries(int n) {
        requireNotBuilt();
        numRetries = n;
        return this;
    }

    Gateway allowedFails(int n) {
        requireNotBuilt();
        allowedFails = n;
        return this;
    }

    Gateway cooldownTime(Duration d) {
        requireNotBuilt();
        cooldownTime = d;
        return this;
    }

    Gateway timeout(Duration d) {
        requireNotBuilt();
        timeout = d;
        return this;
    }

    Gateway strategy(RoutingStrategy s) {
        requireNotBuilt();
        strategy = s;
        return this;
    }

    Gateway random(Supplier<RandomGenerator> r) {
        requireNotBuilt();
        random = r;
        return this;
    }

    Gateway retryPolicy(String key, int retries) {
        requireNotBuilt();
        retryPolicy.put(key, retries);
        return this;
    }

    RouterSettings settings() {
        return new RouterSettings(fallbacks, numRetries, timeout, allowedFails, cooldownTime, Duration.ZERO,
                retryPolicy, strategy);
    }

    private void requireNotBuilt() {
        if (pipeline != null) {
            throw new IllegalStateException("configure the gateway before its first use");
        }
    }

    private void build() {
        if (pipeline == null) {
            RouterSettings settings = settings();
            routes = new RouteTable(deployments, settings.fallbacks());
            cooldowns = new Cooldowns(clock::get, settings.allowedFails(), settings.cooldownTime());
            balancer = new LoadBalancer(settings.routingStrategy(), clock::get, random);
            pipeline = new Pipeline(List.of(new FallbackInterceptor(routes),
                    new RetryInterceptor(settings, cooldowns, balancer),
                    new CallUpstreamInterceptor(settings.timeout(), Duration.ofSeconds(30))));
        }
    }

    Cooldowns cooldowns() {
        build();
        return cooldowns;
    }

    LoadBalancer balancer() {
        build();
        return balancer;
    }

    RouteTable routes() {
        build();
        return routes;
    }

    /** A call for {@code model}, as the messages handler would start it. */
    RoutedCall call(String model) {
        build();
        byte[] body = ("{\"model\":\"" + model + "\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        ClientRequest request = new ClientRequest("req_test", Operation.MESSAGES, "beta=true",
                RequestHeaders.of(Map.of("anthropic-version", List.of("2023-06-01"))), body, model, false,
                Optional.empty());
        return RoutedCall.of(request, routes.resolve(model).orElseThrow());
    }

    UpstreamResponse send(RoutedCall call) throws InterruptedException {
        build();
        return pipeline.execute(call);
    }
}
