package dev.spillway.engine;

import dev.spillway.engine.cache.ResponseCache;
import dev.spillway.engine.config.ConfigException;
import dev.spillway.engine.config.ConfigLoader;
import dev.spillway.engine.config.DeploymentConfig;
import dev.spillway.engine.config.RouterSettings;
import dev.spillway.engine.config.SpillwayConfig;
import dev.spillway.engine.cost.CostCalculator;
import dev.spillway.engine.cost.DeploymentCosts;
import dev.spillway.engine.pipeline.CacheInterceptor;
import dev.spillway.engine.pipeline.CallUpstreamInterceptor;
import dev.spillway.engine.pipeline.DialectInterceptor;
import dev.spillway.engine.pipeline.FallbackInterceptor;
import dev.spillway.engine.pipeline.Interceptor;
import dev.spillway.engine.pipeline.Pipeline;
import dev.spillway.engine.pipeline.RetryInterceptor;
import dev.spillway.engine.provider.Provider;
import dev.spillway.engine.provider.Providers;
import dev.spillway.engine.routing.Cooldowns;
import dev.spillway.engine.routing.Deployment;
import dev.spillway.engine.routing.LoadBalancer;
import dev.spillway.engine.routing.RouteTable;
import dev.spillway.engine.server.Routing;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds the {@link Routing} a configuration describes: deployments with their providers, the route table,
 * cooldowns, load balancer, prices and the interceptor pipeline. On a reload it carries over what still applies.
 */
final class RoutingAssembly {

    private final Providers providers;
    private final SpillwayOptions options;

    RoutingAssembly(Providers providers, SpillwayOptions options) {
        this.providers = providers;
        this.options = options;
    }

    /** What {@link #next} kept from the previous routing. */
    record Built(Routing routing, int cooldownsKept) {
    }

    Routing first(SpillwayConfig config) {
        RouterSettings router = config.router();
        return build(config, new Cooldowns(options.ticker(), router.allowedFails(), router.cooldownTime()),
                balancer(router));
    }

    /**
     * The routing for {@code config}, replacing {@code previous} (built from {@code previousConfig}). Deployments
     * whose configuration did not change keep their cooldowns and failure counts; the load balancer's figures
     * (requests in flight, rpm / tpm windows, latencies) are kept while the routing strategy stays the same. The
     * response cache starts empty.
     *
     * @throws ConfigException if {@code config} cannot be served; {@code previous} is left as it was
     */
    Built next(SpillwayConfig config, SpillwayConfig previousConfig, Routing previous) {
        Map<String, DeploymentConfig> before = byId(previousConfig);
        Set<String> unchanged = new HashSet<>();
        byId(config).forEach((id, d) -> {
            if (d.equals(before.get(id))) {
                unchanged.add(id);
            }
        });
        RouterSettings router = config.router();
        Cooldowns old = previous.cooldowns();
        boolean sameCooldownSettings = old.allowedFails() == router.allowedFails()
                && old.cooldownTime().equals(router.cooldownTime());
        Cooldowns cooldowns = sameCooldownSettings ? old
                : old.reconfigured(router.allowedFails(), router.cooldownTime(), unchanged);
        LoadBalancer balancer = router.routingStrategy() == previousConfig.router().routingStrategy()
                ? previous.balancer() : balancer(router);
        Routing routing = build(config, cooldowns, balancer);
        if (sameCooldownSettings) {
            // Only now that the new config is known to be valid: forget deployments that were removed or changed.
            cooldowns.retainOnly(unchanged);
        }
        int kept = (int) unchanged.stream().filter(cooldowns::isCoolingDown).count();
        return new Built(routing, kept);
    }

    private LoadBalancer balancer(RouterSettings router) {
        return new LoadBalancer(router.routingStrategy(), options.ticker(), ThreadLocalRandom::current);
    }

    private Routing build(SpillwayConfig config, Cooldowns cooldowns, LoadBalancer balancer) {
        try {
            RouteTable routes = new RouteTable(deployments(config), config.router().fallbacks(),
                    config.router().contextWindowFallbacks(), config.router().contentPolicyFallbacks());
            DeploymentCosts costs = costs(config);
            List<Interceptor> interceptors = new ArrayList<>();
            if (config.cache().enabled()) {
                interceptors.add(new CacheInterceptor(new ResponseCache(config.cache())));
            }
            interceptors.addAll(List.of(
                    new FallbackInterceptor(routes),
                    new RetryInterceptor(config.router(), cooldowns, balancer),
                    new DialectInterceptor(),
                    new CallUpstreamInterceptor(config.router().timeout(), options.streamIdleTimeout())));
            return new Routing(routes, new Pipeline(interceptors), cooldowns, balancer, costs);
        } catch (ConfigException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ConfigException(source(config) + ": " + e.getMessage(), e);
        }
    }

    private List<Deployment> deployments(SpillwayConfig config) {
        List<Deployment> deployments = new ArrayList<>();
        for (int i = 0; i < config.deployments().size(); i++) {
            DeploymentConfig d = config.deployments().get(i);
            int index = i;
            Provider provider = providers.create(d).orElseThrow(() -> new ConfigException(source(config)
                    + ": model_list[" + index + "].litellm_params.model: provider '" + d.provider()
                    + "' is not supported by Spillway (supported: " + String.join(", ", new TreeSet<>(Providers.SUPPORTED))
                    + "); for another OpenAI-compatible server use openai/<model> with api_base."));
            deployments.add(new Deployment(d, provider));
        }
        return deployments;
    }

    private static DeploymentCosts costs(SpillwayConfig config) {
        try {
            return new DeploymentCosts(CostCalculator.bundled(), config.deployments());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("model_list: a price (input_cost_per_token & co.) is not usable: "
                    + e.getMessage(), e);
        }
    }

    private static Map<String, DeploymentConfig> byId(SpillwayConfig config) {
        return config.deployments().stream()
                .collect(Collectors.toMap(DeploymentConfig::id, Function.identity(), (a, b) -> a));
    }

    private static String source(SpillwayConfig config) {
        return config.source().map(Object::toString).orElse(ConfigLoader.DEFAULT_CONFIG_NAME);
    }
}
