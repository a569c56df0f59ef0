package dev.spillway.app;

import dev.spillway.engine.cli.SpillwayCli;
import dev.spillway.engine.secrets.SecretStores;
import dev.spillway.ui.settings.SettingsStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spillway's entry point. No arguments: the desktop app (tray, settings, dashboard) hosting the proxy, one per user;
 * without a display it says so and runs the proxy headless. {@code --headless} or {@code serve ...}: the proxy.
 * Anything else: the engine's command line ({@code --help}, {@code autostart ...}).
 */
public final class Main {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            String[] cli = args[0].equals("--headless") ? serve(args) : args;
            System.exit(SpillwayCli.run(cli));
        }
        Optional<String> noDisplay = missingDisplay();
        if (noDisplay.isPresent()) {
            System.err.println("spillway: " + noDisplay.get() + ", so the desktop app cannot open; running the proxy "
                    + "headless instead (spillway serve).");
            System.exit(SpillwayCli.run("serve"));
        }
        System.exit(runDesktop());
    }

    /** The toolkit could not start here (e.g. no GTK 3 libraries): say why and serve headless instead. */
    private static int headlessBecause(RuntimeException e) {
        System.err.println("spillway: the desktop app cannot start (" + e.getMessage() + "; on Linux it needs GTK 3, "
                + "e.g. apt-get install libgtk-3-0); running the proxy headless instead (spillway serve).");
        return SpillwayCli.run("serve");
    }

    /** {@code --headless [options]} is {@code serve [options]}. */
    private static String[] serve(String[] args) {
        String[] cli = args.clone();
        cli[0] = "serve";
        return cli;
    }

    static Optional<String> missingDisplay() {
        if (Boolean.getBoolean("java.awt.headless")) {
            return Optional.of("Java runs headless (java.awt.headless=true)");
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        boolean x11OrWayland = !os.startsWith("windows") && !os.startsWith("mac");
        if (x11OrWayland && isBlank(System.getenv("DISPLAY")) && isBlank(System.getenv("WAYLAND_DISPLAY"))
                && !"Monocle".equals(System.getProperty("glass.platform"))) {
            return Optional.of("there is no display (DISPLAY and WAYLAND_DISPLAY are not set)");
        }
        return Optional.empty();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static int runDesktop() throws IOException, InterruptedException {
        AppPaths paths = AppPaths.forCurrentUser();
        SettingsStore store = new SettingsStore(paths.configFile(),
                SecretStores.forCurrentUser(paths.configDirectory()), System.getenv());
        DesktopApp[] app = new DesktopApp[1];
        Optional<SingleInstance> instance = SingleInstance.acquire(paths.dataDirectory(), () -> {
            if (app[0] != null) {
                app[0].bringForward();
            }
        });
        if (instance.isEmpty()) {
            System.out.println("Spillway is already running; its window has been brought forward.");
            return 0;
        }
        CountDownLatch quit = new CountDownLatch(1);
        CountDownLatch fxStarted = new CountDownLatch(1);
        try {
            Platform.startup(fxStarted::countDown);
        } catch (RuntimeException e) {
            instance.get().close();
            return headlessBecause(e);
        }
        fxStarted.await();
        Platform.setImplicitExit(false);
        // Logging out (SIGTERM) stops the proxy as Quit does: requests in flight finish first.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (app[0] != null) {
                app[0].shutdown();
            }
        }, "spillway-shutdown"));
        Platform.runLater(() -> {
            app[0] = new DesktopApp(store, paths.dataDirectory(), quit::countDown);
            app[0].start(!Boolean.getBoolean("spillway.noTray"));
            long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
            log.info("Spillway {} desktop ready in {} ms (config {})", DesktopApp.version(), uptime,
                    paths.configFile());
        });
        quit.await();
        instance.get().close();
        return 0;
    }
}
