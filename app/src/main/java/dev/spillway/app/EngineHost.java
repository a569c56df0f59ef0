package dev.spillway.app;

import dev.spillway.engine.Spillway;
import dev.spillway.engine.SpillwayOptions;
import dev.spillway.engine.config.ConfigException;
import dev.spillway.engine.config.SpillwayConfig;
import dev.spillway.ui.settings.SettingsStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine inside the desktop app: started, stopped and given new settings from one background thread, so the tray
 * and windows never wait on it and two actions never overlap. Listeners hear every state change on that thread.
 */
public final class EngineHost implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EngineHost.class);
    private static final Duration APPLY_WAIT = Duration.ofSeconds(5);

    private final SettingsStore settings;
    private final UnaryOperator<SpillwayOptions> baseOptions;
    private final ExecutorService lifecycle = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "spillway-lifecycle");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Consumer<EngineState>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Spillway>> startListeners = new CopyOnWriteArrayList<>();
    private volatile EngineState state = EngineState.stopped();
    private volatile Spillway engine;
    private volatile SpillwayConfig config;

    /**
     * @param settings the config file and key store the engine is started from
     * @param baseOptions adds what the config file does not say (e.g. the spend database) to the options built from
     *     {@code spillway_settings}
     */
    public EngineHost(SettingsStore settings, UnaryOperator<SpillwayOptions> baseOptions) {
        this.settings = settings;
        this.baseOptions = baseOptions;
    }

    public void addListener(Consumer<EngineState> listener) {
        listeners.add(listener);
    }

    /** Called with each newly started engine (e.g. to subscribe to its routing changes), before RUNNING is published. */
    public void onEngineStarted(Consumer<Spillway> listener) {
        startListeners.add(listener);
    }

    public EngineState state() {
        return state;
    }

    /** The running engine, if any. */
    public Optional<Spillway> engine() {
        return Optional.ofNullable(engine);
    }

    /** The configuration being served (or last tried). */
    public Optional<SpillwayConfig> config() {
        return Optional.ofNullable(config);
    }

    /** Loads the config file and starts serving it; failures become the FAILED state with a message. */
    public CompletableFuture<EngineState> start() {
        return CompletableFuture.supplyAsync(() -> {
            if (engine == null) {
                publish(EngineState.starting());
                try {
                    startServing(settings.load());
                } catch (RuntimeException e) {
                    publish(EngineState.failed(describe(e)));
                }
            }
            return state;
        }, lifecycle);
    }

    /** Stops serving; requests in flight get the engine's shutdown grace to finish. */
    public CompletableFuture<EngineState> stop() {
        return CompletableFuture.supplyAsync(() -> {
            closeEngine();
            publish(EngineState.stopped());
            return state;
        }, lifecycle);
    }

    /**
     * Serves {@code newConfig} from now on. A change of port or address needs a new listener, so the engine is
     * restarted; anything else is applied to the running engine.
     *
     * @return what happened, for the settings window
     */
    public String apply(SpillwayConfig newConfig) {
        CompletableFuture<String> applied = CompletableFuture.supplyAsync(() -> applyNow(newConfig), lifecycle);
        try {
            // A restart waits for requests in flight; the settings window should not wait that long.
            return applied.get(APPLY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return "The proxy is restarting with these settings once the requests in flight have finished.";
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "Interrupted while applying; the proxy keeps its previous settings.";
        }
    }

    private String applyNow(SpillwayConfig newConfig) {
        if (engine == null) {
            config = newConfig;
            return "The proxy is stopped; it will use these settings when started.";
        }
        SpillwayOptions current = options(config);
        SpillwayOptions wanted = options(newConfig);
        boolean sameListener = current.port() == wanted.port() && current.host().equals(wanted.host());
        if (sameListener && reloadInPlace(newConfig)) {
            config = newConfig;
            return "Applied to the running proxy.";
        }
        closeEngine();
        publish(EngineState.starting());
        try {
            startServing(newConfig);
        } catch (RuntimeException e) {
            publish(EngineState.failed(describe(e)));
            throw new IllegalStateException(describe(e), e);
        }
        return "The proxy restarted on " + engine.baseUrl() + ".";
    }

    /**
     * Hot reload of a running engine: routing, keys and cache change without dropping requests in flight. What the
     * listener is built from ({@code general_settings}: master key, allowed origins, database) takes a restart.
     */
    private boolean reloadInPlace(SpillwayConfig newConfig) {
        if (!newConfig.general().equals(config.general())) {
            return false;
        }
        engine.reload(newConfig);
        return true;
    }

    private void startServing(SpillwayConfig loaded) {
        config = loaded;
        engine = Spillway.start(loaded, options(loaded));
        startListeners.forEach(listener -> listener.accept(engine));
        loaded.warnings().forEach(w -> log.warn("{}", w));
        log.info("Spillway {} listening on {}", Spillway.version(), engine.baseUrl());
        publish(EngineState.running(engine.baseUrl()));
    }

    private SpillwayOptions options(SpillwayConfig loaded) {
        SpillwayOptions defaults = SpillwayOptions.defaults();
        return baseOptions.apply(defaults.withHost(loaded.app().host().orElse(defaults.host()))
                .withPort(loaded.app().port().orElse(defaults.port())));
    }

    private void closeEngine() {
        Spillway running = engine;
        engine = null;
        if (running != null) {
            running.close();
        }
    }

    private void publish(EngineState newState) {
        state = newState;
        for (Consumer<EngineState> listener : listeners) {
            try {
                listener.accept(newState);
            } catch (RuntimeException e) {
                log.warn("A state listener failed", e);
            }
        }
    }

    static String describe(RuntimeException e) {
        if (e instanceof ConfigException) {
            return e.getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof java.net.BindException) {
            return "The port is in use or the address is not available (" + root.getMessage() + "); choose another "
                    + "port in Settings > Proxy.";
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** Stops the engine and the lifecycle thread (at quit). */
    @Override
    public void close() {
        stop().join();
        lifecycle.shutdown();
    }
}
