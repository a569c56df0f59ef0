package dev.spillway.engine;

import dev.spillway.engine.config.SpillwayConfig;
import dev.spillway.engine.cost.DeploymentCosts;
import dev.spillway.engine.events.RequestEvent;
import dev.spillway.engine.events.RequestEvents;
import dev.spillway.engine.keys.KeyRegistry;
import dev.spillway.engine.keys.KeyStoreException;
import dev.spillway.engine.metrics.GatewayMetrics;
import dev.spillway.engine.server.Routing;
import dev.spillway.engine.spend.SpendRow;
import dev.spillway.engine.spend.SpendStore;
import dev.spillway.engine.spend.SpendStoreException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every finished request is counted in: its cost, the Prometheus metrics, when the engine has one the spend
 * store and the running totals of its virtual key, and the {@link PricedRequestListener}s (today's totals, the
 * dashboard). Fed from the request-event stream,
 * so none of it runs on a request's thread.
 */
final class Accounting implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Accounting.class);

    private final GatewayMetrics metrics;
    private final Optional<SpendStore> spend;
    private final Optional<KeyRegistry> keys;
    private final List<PricedRequestListener> listeners = new CopyOnWriteArrayList<>();
    private volatile DeploymentCosts costs;

    private Accounting(GatewayMetrics metrics, Optional<SpendStore> spend, Optional<KeyRegistry> keys) {
        this.metrics = metrics;
        this.spend = spend;
        this.keys = keys;
    }

    static Accounting start(SpillwayConfig config, SpillwayOptions options, Clock clock, RequestEvents events) {
        GatewayMetrics metrics = new GatewayMetrics();
        metrics.bindEventsDropped(events::dropped);
        Optional<String> databaseUrl = config.general().databaseUrl().or(options::spendDatabase);
        Optional<SpendStore> spend = databaseUrl.flatMap(url -> openSpendStore(url, config.general().spendRetention(),
                clock));
        spend.ifPresent(store -> metrics.bindSpendRowsDropped(store::dropped));
        Optional<KeyRegistry> keys = spend.flatMap(store -> openKeys(databaseUrl.get()));
        Accounting accounting = new Accounting(metrics, spend, keys);
        events.subscribe(accounting::count);
        return accounting;
    }

    /** A spend store already open in another Spillway must not stop this one from serving. */
    private static Optional<SpendStore> openSpendStore(String jdbcUrl, Duration retention, Clock clock) {
        try {
            return Optional.of(SpendStore.open(jdbcUrl, retention, clock, SpendStore.DEFAULT_QUEUE_CAPACITY));
        } catch (SpendStoreException e) {
            log.warn("Spend tracking is off: the spend database could not be opened ({}). Is another Spillway "
                    + "running with the same data directory?", e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<KeyRegistry> openKeys(String jdbcUrl) {
        try {
            return Optional.of(KeyRegistry.open(jdbcUrl));
        } catch (KeyStoreException e) {
            log.warn("Virtual keys are off: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** Prices and labels requests with {@code routing} from now on (at start and after a reload). */
    void use(Routing routing, boolean responseCacheEnabled) {
        costs = routing.costs();
        metrics.trackDeployments(routing.routes(), routing.cooldowns());
        metrics.setResponseCacheEnabled(responseCacheEnabled);
    }

    void addListener(PricedRequestListener listener) {
        listeners.add(listener);
    }

    private void count(RequestEvent event) {
        double cost = costs.cost(event).usd();
        String caller = event.caller().orElse(null);
        String alias = null;
        String user = null;
        if (keys.isPresent() && caller != null) {
            keys.get().recordUsage(caller, cost, event.usage() == null ? 0 : event.usage().totalTokens());
            alias = keys.get().aliasOf(caller).orElse(null);
            user = keys.get().userOf(caller).orElse(null);
        }
        metrics.record(event, cost, caller == null ? "" : caller, alias == null ? "" : alias);
        BigDecimal costUsd = BigDecimal.valueOf(cost);
        if (spend.isPresent()) {
            spend.get().record(SpendRow.of(event, costUsd, caller, alias, user));
        }
        for (PricedRequestListener listener : listeners) {
            try {
                listener.finished(event, costUsd);
            } catch (RuntimeException e) {
                log.warn("Request listener {} failed", listener, e);
            }
        }
    }

    GatewayMetrics metrics() {
        return metrics;
    }

    Optional<SpendStore> spend() {
        return spend;
    }

    Optional<KeyRegistry> keys() {
        return keys;
    }

    /** Stores what is still queued; call after the event stream has delivered its last event. */
    @Override
    public void close() throws InterruptedException {
        keys.ifPresent(KeyRegistry::close);
        if (spend.isPresent()) {
            spend.get().close();
        }
    }
}
