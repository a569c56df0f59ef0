package dev.spillway.engine;

import dev.spillway.engine.config.ConfigException;
import dev.spillway.engine.config.ConfigLoader;
import dev.spillway.engine.config.SpillwayConfig;
import dev.spillway.engine.dashboard.Dashboard;
import dev.spillway.engine.events.EventStream;
import dev.spillway.engine.events.RequestEvents;
import dev.spillway.engine.keys.KeyRegistry;
import dev.spillway.engine.provider.Providers;
import dev.spillway.engine.server.GatewayServer;
import dev.spillway.engine.server.Routing;
import dev.spillway.engine.server.ServerSettings;
import dev.spillway.engine.spend.SpendStoreException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Spillway gateway: the engine the desktop app hosts and {@code spillway serve} runs.
 *
 * <pre>{@code
 * try (Spillway gateway = Spillway.start(ConfigLoader.withEnvironment(System.getenv()).loadDefault(),
 *         SpillwayOptions.defaults())) {
 *     gateway.events().subscribe(event -> System.out.println(event.provider()));
 *     gateway.routingChanges().subscribe(change -> notify(change.describe()));
 *     ...
 *     gateway.reload(ConfigLoader.withEnvironment(System.getenv()).load(path));
 * }
 * }</pre>
 */
public final class Spillway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Spillway.class);

    private final SpillwayOptions options;
    private final Clock clock;
    private final Providers providers;
    private final RequestEvents events;
    private final EventStream<RoutingChange> routingChanges;
    private final EventStream<DeploymentChange> deploymentChanges;
    private final Accounting accounting;
    private final RoutingAssembly assembly;
    private final FailoverWatch watch;
    private final TodayTotals today;
    private final RequestRates rates;
    private final Optional<SpendHistory> spend;
    private final Instant started;
    private volatile GatewayServer server;
    private volatile Routing routing;
    private volatile SpillwayConfig config;

    private Spillway(SpillwayConfig config, SpillwayOptions options) {
        this.config = config;
        this.options = options;
        this.clock = Clock.systemDefaultZone();
        this.started = clock.instant();
        this.providers = new Providers();
        this.assembly = new RoutingAssembly(providers, options);
        try {
            this.routing = assembly.first(config);
        } catch (RuntimeException e) {
            providers.close();
            throw e;
        }
        this.events = new RequestEvents(8192);
        this.routingChanges = EventStream.rare(1024, "spillway-routing-changes");
        this.deploymentChanges = EventStream.rare(1024, "spillway-deployment-changes");
        this.accounting = Accounting.start(config, options, clock, events);
        accounting.use(routing, config.cache().enabled());
        this.watch = new FailoverWatch(accounting.metrics(), clock, routingChanges, deploymentChanges);
        watch.watch(routing.routes(), routing.cooldowns());
        this.today = new TodayTotals(clock);
        this.rates = new RequestRates(clock::millis);
        this.spend = accounting.spend().map(SpendHistory::new);
        spend.ifPresent(history -> {
            seedToday(history);
            history.onReset(today::reset);
        });
        accounting.addListener(today);
        accounting.addListener(rates);
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
        Spillway gateway = null;
        try {
            gateway = new Spillway(config, options);
            gateway.listen(loopback);
            return gateway;
        } catch (RuntimeException e) {
            if (gateway != null) {
                gateway.closeEngine();
            }
            throw e;
        }
    }

    private void listen(boolean loopback) {
        ServerSettings settings = new ServerSettings(options.host(), options.port(),
                config.general().masterKey(), config.general().allowClientCredentials().orElse(loopback),
                config.general().allowedOrigins(), options.keepAliveInterval(), options.streamIdleTimeout(),
                version());
        Dashboard dashboard = new Dashboard(this::status, today::snapshot, spend, options.keepAliveInterval(),
                version());
        accounting.addListener(dashboard);
        routingChanges.subscribe(dashboard::routingChanged);
        deploymentChanges.subscribe(dashboard::deploymentChanged);
        spend.ifPresent(history -> history.onReset(dashboard::statisticsReset));
        server = GatewayServer.start(settings, routing, events, accounting.metrics(), accounting.spend(),
                accounting.keys(), dashboard);
    }

    private void seedToday(SpendHistory history) {
        LocalDate day = LocalDate.now(clock);
        try {
            today.seed(history.totals(day, day));
        } catch (SpendStoreException e) {
            log.warn("Could not read today's spend so far; today's figures start from zero ({})", e.getMessage());
        }
    }

    /**
     * Serves {@code next} from now on, without a restart and without dropping requests: requests in flight finish
     * with the routing they started with, new ones use the new model groups, fallbacks, router settings and response
     * cache. Deployments whose configuration did not change keep their cooldowns. What the listener and access
     * rules are built from ({@code general_settings}: master key, allowed origins, database; and the host and port,
     * which are not part of the file) takes a restart to change: a reload that changes them logs a warning.
     *
     * @throws ConfigException if {@code next} cannot be served; the current configuration keeps serving
     */
    public synchronized void reload(SpillwayConfig next) {
        RoutingAssembly.Built built;
        try {
            built = assembly.next(next, config, routing);
        } catch (ConfigException e) {
            log.warn("Configuration not reloaded, the previous one keeps serving: {}", e.getMessage());
            throw e;
        }
        accounting.use(built.routing(), next.cache().enabled());
        watch.watch(built.routing().routes(), built.routing().cooldowns());
        server.swap(built.routing());
        if (!next.general().equals(config.general())) {
            log.warn("general_settings changed (master key, allowed origins, database, ...): that takes a restart");
        }
        routing = built.routing();
        config = next;
        log.info("Configuration reloaded from {}: {} model groups; {} deployment(s) still cooling down",
                next.source().map(Object::toString).orElse("built-in config"), routing.routes().groupNames().size(),
                built.cooldownsKept());
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

    /**
     * The dashboard, e.g. {@code http://127.0.0.1:47000/ui}. With a master key set the page asks for it once; an
     * embedding app can pass it in the fragment, {@code /ui#key=<master key>}, which never reaches the server or its
     * logs.
     */
    public URI dashboardUrl() {
        return URI.create(baseUrl() + "/ui");
    }

    /** Every finished request, as it finishes. */
    public RequestEvents events() {
        return events;
    }

    /** Model groups failing over to a fallback and coming back, as it happens (see {@link RoutingChange}). */
    public EventStream<RoutingChange> routingChanges() {
        return routingChanges;
    }

    /** Deployments starting and ending cooldowns. */
    public EventStream<DeploymentChange> deploymentChanges() {
        return deploymentChanges;
    }

    /** What the gateway is doing now; from memory, cheap enough to call every second. */
    public GatewayStatus status() {
        return StatusReport.of(baseUrl(), started, today.snapshot(), routing, rates, clock.instant());
    }

    /** The spend history, unless the engine was started without a spend database. */
    public Optional<SpendHistory> spend() {
        return spend;
    }

    /** The virtual keys and users, when the engine keeps a spend database (else empty). */
    public Optional<KeyRegistry> keys() {
        return accounting.keys();
    }

    /** The configuration being served. */
    public SpillwayConfig config() {
        return config;
    }

    /** The model group names served, in configuration order. */
    public List<String> modelGroups() {
        return routing.routes().groupNames();
    }

    /** Stops gracefully: in-flight requests get {@link SpillwayOptions#shutdownGrace()} to finish. */
    @Override
    public void close() {
        try {
            server.stop(options.shutdownGrace());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeEngine();
        }
    }

    private void closeEngine() {
        providers.close();
        try {
            events.close();
            routingChanges.close();
            deploymentChanges.close();
            accounting.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
