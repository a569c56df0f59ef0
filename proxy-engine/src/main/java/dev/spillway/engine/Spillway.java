package dev.spillway.engine;

import dev.spillway.engine.cache.ResponseCache;
import dev.spillway.engine.config.ConfigException;
import dev.spillway.engine.config.ConfigLoader;
import dev.spillway.engine.config.DeploymentConfig;
import dev.spillway.engine.config.SpillwayConfig;
import dev.spillway.engine.events.RequestEvents;
import dev.spillway.engine.keys.KeyRegistry;
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
import dev.spillway.engine.routing.Ticker;
import dev.spillway.engine.server.GatewayServer;
import dev.spillway.engine.server.ServerSettings;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Spillway gateway: the engine the desktop app hosts and {@code spillway serve} runs.
 *
 * <pre>{@code
 * try (Spillway gateway = Spillway.start(ConfigLoader.withEnvironment(System.getenv()).loadDefault(),
 *         SpillwayOptions.defaults())) {
 *     gateway.events().subscribe(event -> System.out.println(event.provider()));
 *     ...
 * }
 * }</pre>
 */
public final class Spillway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Spillway.class);

    private final SpillwayOptions options;
    private final Providers providers;
    private final RequestEvents events;
    private final GatewayServer server;
    private final RouteTable routes;

    private final Accounting accounting;

    private Spillway(SpillwayOptions options, Providers providers, RequestEvents events, GatewayServer server,
            RouteTable routes, Accounting accounting) {
        this.accounting = accounting;
        this.options = options;
        this.providers = providers;
        this.events = events;
        this.server = server;
        this.routes = routes;
    }

    /**
     * Starts serving {@code config}.
     *
     * @throws ConfigException if the configuration cannot be served as asked (e.g. a network-facing bind without a
     *     master key)
     */
    public static Spillway start(SpillwayConfig config, SpillwayOptions options) {
        boolean loopback = GatewayServer.isLoopback(options.host());
        if (!loopback && config.general().masterKey().isEmpty()) {
            throw new ConfigException("Refusing to listen on " + options.host() + " without a master key: anyone who "
                    + "can reach this address could spend your credentials. Set general_settings.master_key, or "
                    + "bind to 127.0.0.1.");
        }
        Providers providers = new Providers();
        RequestEvents events = new RequestEvents(8192);
        try {
            RouteTable routes = new RouteTable(deployments(config, providers), config.router().fallbacks(),
                    config.router().contextWindowFallbacks(), config.router().contentPolicyFallbacks());
            Cooldowns cooldowns = new Cooldowns(Ticker.system(), config.router().allowedFails(),
                    config.router().cooldownTime());
            LoadBalancer balancer = LoadBalancer.create(config.router().routingStrategy());
            List<Interceptor> interceptors = new ArrayList<>();
            if (config.cache().enabled()) {
                interceptors.add(new CacheInterceptor(new ResponseCache(config.cache())));
            }
            interceptors.addAll(List.of(
                    new FallbackInterceptor(routes),
                    new RetryInterceptor(config.router(), cooldowns, balancer),
                    new DialectInterceptor(),
                    new CallUpstreamInterceptor(config.router().timeout(), options.streamIdleTimeout())));
            Pipeline pipeline = new Pipeline(interceptors);
            ServerSettings settings = new ServerSettings(options.host(), options.port(),
                    config.general().masterKey(), config.general().allowClientCredentials().orElse(loopback),
                    config.general().allowedOrigins(), options.keepAliveInterval(), options.streamIdleTimeout(),
                    version());
            Accounting accounting = Accounting.start(config, options, routes, cooldowns, events);
            GatewayServer server = GatewayServer.start(settings, routes, pipeline, cooldowns, balancer, events,
                    accounting.metrics(), accounting.costs(), accounting.spend(), accounting.keys());
            return new Spillway(options, providers, events, server, routes, accounting);
        } catch (RuntimeException e) {
            providers.close();
            throw e;
        }
    }

    private static List<Deployment> deployments(SpillwayConfig config, Providers providers) {
        String source = config.source().map(Object::toString).orElse(ConfigLoader.DEFAULT_CONFIG_NAME);
        List<Deployment> deployments = new ArrayList<>();
        for (int i = 0; i < config.deployments().size(); i++) {
            DeploymentConfig d = config.deployments().get(i);
            int index = i;
            Provider provider = providers.create(d).orElseThrow(() -> new ConfigException(source + ": model_list["
                    + index + "].litellm_params.model: provider '" + d.provider()
                    + "' is not supported by Spillway (supported: " + String.join(", ", new TreeSet<>(Providers.SUPPORTED))
                    + "); for another OpenAI-compatible server use openai/<model> with api_base."));
            deployments.add(new Deployment(d, provider));
        }
        return deployments;
    }

    /** The version of this build, from the jar manifest. */
    public static String version() {
        String v = Spillway.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    public int port() {
        return server.port();
    }

    /** The URL clients use, e.g. {@code http://127.0.0.1:47000}. */
    public URI baseUrl() {
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return URI.create("http://" + host + ":" + port());
    }

    /** Every finished request, as it finishes. */
    public RequestEvents events() {
        return events;
    }

    /** The virtual keys and users, when the engine keeps a spend database (else empty). */
    public Optional<KeyRegistry> keys() {
        return accounting.keys();
    }

    /** The model group names served, in configuration order. */
    public List<String> modelGroups() {
        return routes.groupNames();
    }

    /** Stops gracefully: in-flight requests get {@link SpillwayOptions#shutdownGrace()} to finish. */
    @Override
    public void close() {
        try {
            server.stop(options.shutdownGrace());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            providers.close();
            try {
                events.close();
                accounting.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
