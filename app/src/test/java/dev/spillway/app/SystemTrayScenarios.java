package dev.spillway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spillway.app.tray.TrayIconState;
import dev.spillway.app.tray.TrayMenu;
import dev.spillway.simulators.AnthropicReply;
import dev.spillway.simulators.AnthropicSimulator;
import java.awt.SystemTray;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The desktop app's real AWT tray icon, on the X display named by DISPLAY with a tray host running there: run by
 * {@link SystemTrayTest} in a JVM of its own. Each test starts the app on a real engine and port in front of a
 * simulated Anthropic, and reads and works the icon, its menu and the screen through AWT. Quit goes last: it ends
 * JavaFX for this JVM.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SystemTrayScenarios {

    private static TrayOnScreen screen;

    @TempDir
    Path dir;

    private AnthropicSimulator anthropic;
    private DesktopApp app;
    private Path home;
    private int port;
    private final CountDownLatch exited = new CountDownLatch(1);

    @BeforeAll
    static void trayAndJavaFx() throws Exception {
        await("a tray host on DISPLAY=" + System.getenv("DISPLAY")).atMost(Duration.ofSeconds(20))
                .until(SystemTray::isSupported);
        screen = new TrayOnScreen();
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        assertThat(started.await(20, TimeUnit.SECONDS)).as("JavaFX started").isTrue();
        Platform.setImplicitExit(false);
    }

    @BeforeEach
    void startTheApp() throws Exception {
        anthropic = AnthropicSimulator.start();
        anthropic.setDefaultReply(AnthropicReply.text("hello through the tray"));
        var store = TestApp.store(dir);
        port = TestApp.freePort();
        TestApp.writeFallbackConfig(store, anthropic.baseUrl(), port, "");
        home = dir.resolve("home");
        var user = TestApp.userHome(home);
        app = new DesktopApp(store, dir.resolve("data"), user, exited::countDown);
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.runLater(() -> {
            app.start(true);
            started.complete(null);
        });
        started.get(20, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopTheApp() {
        app.shutdown();
        await("the icon leaves the tray").until(() -> RealTray.iconCount() == 0);
        anthropic.close();
    }

    private static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(20));
    }

    private RealTray servingIcon() {
        RealTray tray = eventually().until(RealTray::spillwaysIcon, Optional::isPresent).orElseThrow();
        eventually().until(tray::statusLine, line -> line.startsWith("Serving on :" + port));
        return tray;
    }

    private void assertShows(RealTray tray, TrayIconState state) {
        eventually().untilAsserted(() -> {
            assertThat(tray.image()).as("the icon's image").contains(state);
            assertThat(screen.shown()).as("what the tray host draws").containsExactly(state);
        });
    }

    private URI proxy() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Test
    @Order(1)
    void theIconIsInTheTrayAndItsStatusLineCountsRealRequests() throws Exception {
        RealTray tray = servingIcon();

        assertThat(RealTray.iconCount()).as("icons in the tray").isEqualTo(1);
        assertShows(tray, TrayIconState.SERVING);
        assertThat(tray.tooltip()).startsWith("Spillway: serving on " + proxy());
        assertThat(tray.isEnabled(TrayMenu.START)).isFalse();

        assertThat(TestApp.ask(proxy(), "claude-sonnet-4-5").body()).contains("hello through the tray");
        eventually().until(tray::statusLine, line -> line.startsWith("Serving on :" + port + " · 1 request · $"));
    }

    @Test
    @Order(2)
    void aGroupCoolingDownTurnsTheIconToFallback() throws Exception {
        RealTray tray = servingIcon();
        anthropic.enqueue(AnthropicReply.rateLimited(60));
        anthropic.enqueue(AnthropicReply.text("from the backup group"));

        assertThat(TestApp.ask(proxy(), "claude-sonnet-4-5").body()).contains("from the backup group");

        assertShows(tray, TrayIconState.FALLBACK);
        eventually().until(tray::statusLine, line -> line.startsWith("Serving via fallback on :" + port));
        assertThat(tray.detail()).contains("On fallback: claude-*");
    }

    @Test
    @Order(3)
    void stopAndStartInTheMenuStopAndStartTheProxy() throws Exception {
        RealTray tray = servingIcon();

        tray.click(TrayMenu.STOP);

        assertShows(tray, TrayIconState.STOPPED);
        assertThat(tray.statusLine()).isEqualTo("Proxy stopped");
        assertThatThrownBy(() -> TestApp.ask(proxy(), "claude-sonnet-4-5")).isInstanceOf(ConnectException.class);
        assertThat(tray.isEnabled(TrayMenu.STOP)).isFalse();
        assertThat(tray.isEnabled(TrayMenu.DASHBOARD)).isFalse();

        tray.click(TrayMenu.START);

        assertShows(tray, TrayIconState.SERVING);
        assertThat(TestApp.ask(proxy(), "claude-haiku-4-5").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void aProxyThatCannotStartTurnsTheIconToErrorAndSaysWhy() throws Exception {
        RealTray tray = servingIcon();
        tray.click(TrayMenu.STOP);
        assertShows(tray, TrayIconState.STOPPED);

        try (ServerSocket taken = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            tray.click(TrayMenu.START);

            assertShows(tray, TrayIconState.ERROR);
            assertThat(tray.statusLine()).isEqualTo("Proxy not running: error");
            assertThat(tray.detail()).hasValueSatisfying(why -> assertThat(why).contains("port is in use"));
        }

        tray.click(TrayMenu.START);
        assertShows(tray, TrayIconState.SERVING);
    }

    @Test
    @Order(5)
    void theClaudeCodeItemPointsClaudeCodeAtTheProxyAndUndoesIt() throws Exception {
        RealTray tray = servingIcon();
        Path settings = home.resolve(".claude").resolve("settings.json");
        eventually().until(() -> tray.isEnabled(TrayMenu.CLAUDE_CODE));
        assertThat(tray.isTicked(TrayMenu.CLAUDE_CODE)).isFalse();

        tray.toggle(TrayMenu.CLAUDE_CODE);

        eventually().until(() -> Files.exists(settings));
        assertThat(Files.readString(settings)).contains("\"ANTHROPIC_BASE_URL\": \"" + proxy() + "\"");
        eventually().until(() -> tray.isTicked(TrayMenu.CLAUDE_CODE));

        tray.toggle(TrayMenu.CLAUDE_CODE);

        eventually().until(() -> !Files.exists(settings));
    }

    @Test
    @Order(6)
    void quitTakesTheIconOutOfTheTrayAndStopsTheProxy() throws Exception {
        RealTray tray = servingIcon();

        tray.click(TrayMenu.QUIT);

        eventually().until(() -> RealTray.iconCount() == 0);
        assertThat(exited.await(20, TimeUnit.SECONDS)).as("the app's exit ran").isTrue();
        assertThat(app.engine().state().isRunning()).isFalse();
        assertThatThrownBy(() -> TestApp.ask(proxy(), "claude-sonnet-4-5")).isInstanceOf(ConnectException.class);
    }
}
