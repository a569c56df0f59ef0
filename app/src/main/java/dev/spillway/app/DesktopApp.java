package dev.spillway.app;

import dev.spillway.app.tray.StatusWindow;
import dev.spillway.app.tray.SystemTrayView;
import dev.spillway.app.tray.TrafficSummary;
import dev.spillway.app.tray.TrayMenu;
import dev.spillway.app.tray.TrayMenuModel;
import dev.spillway.app.tray.TrayView;
import dev.spillway.engine.GatewayStatus;
import dev.spillway.engine.RoutingChange;
import dev.spillway.engine.Spillway;
import dev.spillway.engine.SpillwayOptions;
import dev.spillway.engine.aws.SsoRefresher;
import dev.spillway.engine.claudecode.ClaudeCodeIntegration;
import dev.spillway.engine.spend.SpendStore;
import dev.spillway.ui.dashboard.DashboardView;
import dev.spillway.ui.settings.SettingsStore;
import dev.spillway.ui.settings.SettingsView;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop app put together: the hosted engine, the tray (or the status window), the settings and dashboard
 * windows. Built on the JavaFX thread; every window is created on first use.
 */
public final class DesktopApp implements AppActions {

    private static final Logger log = LoggerFactory.getLogger(DesktopApp.class);

    private final SettingsStore store;
    private final EngineHost engine;
    private final SettingsWindows settingsWindows;
    private final SettingsWindows.UserHome user;
    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "spillway-desktop-task");
        thread.setDaemon(true);
        return thread;
    });
    private final Runnable exit;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "spillway-tray-refresh");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean refreshPending = new AtomicBoolean();
    private final AtomicBoolean shutDown = new AtomicBoolean();
    private final AtomicReference<SsoRefresher> ssoSessions = new AtomicReference<>();
    private TrayView tray;
    private DashboardView dashboard;
    private SettingsView settings;

    /**
     * @param store the config file and key store
     * @param dataDirectory where the spend database lives
     * @param exit what Quit does once everything is closed (System.exit in the app, nothing in tests)
     */
    public DesktopApp(SettingsStore store, java.nio.file.Path dataDirectory, Runnable exit) {
        this(store, dataDirectory, SettingsWindows.UserHome.current(), exit);
    }

    DesktopApp(SettingsStore store, java.nio.file.Path dataDirectory, SettingsWindows.UserHome user, Runnable exit) {
        this.store = store;
        this.exit = exit;
        this.user = user;
        String spendDatabase = SpendStore.defaultJdbcUrl(dataDirectory);
        this.engine = new EngineHost(store, options -> options.withSpendDatabase(spendDatabase));
        this.settingsWindows = new SettingsWindows(store, engine::apply, user, background, Browser::open);
    }

    /**
     * Shows the tray icon (or, without a tray, the status window) and starts the engine. Call on the JavaFX thread.
     *
     * @param useSystemTray false to use the status window even where a tray exists
     */
    public void start(boolean useSystemTray) {
        Optional<String> noTray = useSystemTray ? SystemTrayView.unsupportedReason()
                : Optional.of("the tray is turned off");
        TrayMenu initial = menu();
        if (noTray.isEmpty()) {
            try {
                tray = SystemTrayView.install(this, this::openSettings, initial);
            } catch (IllegalStateException e) {
                noTray = Optional.of(e.getMessage());
            }
        }
        if (noTray.isPresent()) {
            log.info("No tray icon: {}; showing the status window instead", noTray.get());
            StatusWindow window = new StatusWindow(this, noTray.get());
            window.show(initial);
            window.bringForward();
            tray = window;
        }
        engine.onEngineStarted(this::watchRoutingChanges);
        engine.onEngineStarted(this::watchRequests);
        engine.onEngineStarted(this::watchSsoSessions);
        engine.addListener(state -> refresh());
        engine.start();
        // Cooldowns end and days roll over without a request to say so.
        refresher.scheduleWithFixedDelay(this::refresh, 10, 10, TimeUnit.SECONDS);
    }

    /** Recomputes the menu from the engine's current state and shows it. */
    void refresh() {
        TrayMenu menu = menu();
        tray.show(menu);
        Platform.runLater(() -> {
            if (dashboard != null) {
                dashboard.update(dashboardUrl());
            }
        });
    }

    private TrayMenu menu() {
        return TrayMenuModel.menu(engine.state(), traffic(), claudeCodeConfigured());
    }

    private Optional<Boolean> claudeCodeConfigured() {
        try {
            return Optional.of(user.claudeCode().state().status() == ClaudeCodeIntegration.Status.CONFIGURED);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private TrafficSummary traffic() {
        return engine.engine().map(running -> {
            GatewayStatus status = running.status();
            List<String> onFallback = status.groups().stream()
                    .filter(g -> g.state() != GatewayStatus.RouteState.PRIMARY).map(GatewayStatus.GroupStatus::name)
                    .toList();
            return new TrafficSummary(status.requestsToday(), status.spendTodayUsd(), onFallback);
        }).orElse(TrafficSummary.none());
    }

    /** With a master key, the page gets it in the fragment (never sent over HTTP), so it does not ask for it. */
    private Optional<URI> dashboardUrl() {
        return engine.engine().map(running -> running.config().general().masterKey()
                .map(key -> URI.create(running.dashboardUrl() + "#key="
                        + java.net.URLEncoder.encode(key, java.nio.charset.StandardCharsets.UTF_8)))
                .orElse(running.dashboardUrl()));
    }

    /** Each finished request refreshes the status line soon after, at most a few times a second. */
    private void watchRequests(Spillway started) {
        started.events().subscribe(event -> {
            if (refreshPending.compareAndSet(false, true)) {
                refresher.schedule(() -> {
                    refreshPending.set(false);
                    refresh();
                }, 250, TimeUnit.MILLISECONDS);
            }
        });
    }

    /**
     * Keeps the SSO sessions of the profiles Bedrock uses renewed while the proxy runs, and says when one needs the
     * user to sign in (Settings > AWS).
     */
    private void watchSsoSessions(Spillway started) {
        SsoRefresher previous = ssoSessions.getAndSet(null);
        if (previous != null) {
            previous.close();
        }
        List<String> profiles = SsoRefresher.profilesUsedBy(started.config().deployments(), user.env());
        if (profiles.isEmpty()) {
            return;
        }
        SsoRefresher refresher = SsoRefresher.forUser(user.home(), user.env());
        ssoSessions.set(refresher);
        refresher.watch(profiles, outcome -> {
            if (outcome.result() == SsoRefresher.Result.SIGN_IN_NEEDED) {
                tray.notify("Spillway: AWS sign-in needed", outcome.message());
            }
        });
    }

    /** Fail-overs and recoveries become notifications (unless turned off) and refresh the menu at once. */
    private void watchRoutingChanges(Spillway started) {
        started.routingChanges().subscribe(change -> {
            boolean notify = engine.config().map(c -> c.app().notifications()).orElse(true);
            if (notify) {
                tray.notify(change.kind() == RoutingChange.Kind.FAILED_OVER ? "Spillway: failed over"
                        : "Spillway: back on primary", change.describe());
            }
            refresh();
        });
    }

    /** A second launch asked for the app: the status window or the settings window comes forward. */
    public void bringForward() {
        if (tray instanceof StatusWindow) {
            tray.bringForward();
        } else {
            Platform.runLater(this::openSettings);
        }
    }

    @Override
    public void startProxy() {
        engine.start();
    }

    @Override
    public void stopProxy() {
        engine.stop();
    }

    @Override
    public void openDashboard() {
        Platform.runLater(() -> {
            if (dashboard == null) {
                dashboard = new DashboardView();
            }
            dashboard.show(dashboardUrl());
        });
    }

    @Override
    public void openSettings() {
        Platform.runLater(() -> {
            if (settings == null) {
                settings = settingsWindows.create();
            }
            settings.show();
        });
    }

    /** From the tray's check item: points Claude Code at the running proxy (or the configured port), or undoes it. */
    @Override
    public void setClaudeCodeConfigured(boolean configured) {
        background.execute(() -> {
            try {
                if (configured) {
                    user.claudeCode().configure(proxyUrlForClients(), Optional.empty());
                } else {
                    user.claudeCode().remove();
                }
            } catch (RuntimeException e) {
                tray.notify("Spillway: Claude Code not changed", e.getMessage());
            }
            refresh();
        });
    }

    private URI proxyUrlForClients() {
        return engine.state().baseUrl().orElseGet(() -> {
            int port = engine.config().flatMap(c -> c.app().port()).orElse(SpillwayOptions.DEFAULT_PORT);
            return URI.create("http://127.0.0.1:" + port);
        });
    }

    @Override
    public void quit() {
        shutdown();
        Platform.runLater(() -> {
            Platform.exit();
            exit.run();
        });
    }

    /** Stops the engine (in-flight requests finish first) and removes the tray icon or status window. */
    public void shutdown() {
        if (!shutDown.compareAndSet(false, true)) {
            return;
        }
        // The engine first: closing it delivers its last request events, which schedule refreshes.
        engine.close();
        refresher.shutdownNow();
        background.shutdownNow();
        SsoRefresher sessions = ssoSessions.getAndSet(null);
        if (sessions != null) {
            sessions.close();
        }
        tray.remove();
    }

    public EngineHost engine() {
        return engine;
    }

    public SettingsStore store() {
        return store;
    }

    /** The running engine's version, for the log line at startup. */
    static String version() {
        return Spillway.version();
    }
}
