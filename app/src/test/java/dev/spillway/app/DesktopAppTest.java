package dev.spillway.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.simulators.AnthropicReply;
import dev.spillway.simulators.AnthropicSimulator;
import dev.spillway.ui.settings.SettingsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.net.URI;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.web.WebView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole desktop app, headless: no tray here, so the status window stands in for the tray menu. It drives a real
 * engine on a real port in front of a simulated Anthropic.
 */
@ExtendWith(ApplicationExtension.class)
class DesktopAppTest {

    private static final String MASTER_KEY = "sk-spillway-test-master-0001";

    @TempDir
    Path dir;

    private AnthropicSimulator anthropic;
    private SettingsStore store;
    private DesktopApp app;
    private int port;
    private Path home;

    @Start
    void start(Stage unused) throws Exception {
        anthropic = AnthropicSimulator.start();
        anthropic.setDefaultReply(AnthropicReply.text("hello through the desktop app"));
        store = TestApp.store(dir);
        port = TestApp.freePort();
        // A master key: the dashboard window must hand it to the page; Claude Code's own key still works on loopback.
        TestApp.writeFallbackConfig(store, anthropic.baseUrl(), port, "general_settings: {master_key: " + MASTER_KEY
                + "}\n");
        home = dir.resolve("home");
        SettingsWindows.UserHome user = TestApp.userHome(home);
        app = new DesktopApp(store, dir.resolve("data"), user, () -> { });
        app.start(true);
    }

    @AfterEach
    void stop() throws Exception {
        app.shutdown();
        FxToolkit.cleanupStages(); // lookups must not find the previous test's windows
        anthropic.close();
    }

    /** Read on the JavaFX thread: from the test thread a label could be caught halfway through an update. */
    private static String text(FxRobot robot, String query) {
        Label label = robot.lookup(query).queryAs(Label.class);
        try {
            return WaitForAsyncUtils.asyncFx(label::getText).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not read " + query + " on the JavaFX thread", e);
        }
    }

    private static void waitFor(Supplier<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> condition.get());
    }

    @Test
    void withoutATrayTheStatusWindowSaysWhyAndServes(FxRobot robot) throws Exception {
        waitFor(() -> text(robot, "#status-line").startsWith("Serving on :" + port));

        assertThat(text(robot, "#no-tray-reason")).contains("No tray icon: there is no graphical display");
        assertThat(TestApp.ask(app.engine().state().baseUrl().orElseThrow(), "claude-sonnet-4-5").body())
                .contains("hello through the desktop app");
        waitFor(() -> text(robot, "#status-line").contains("1 request"));
    }

    @Test
    void aFailOverIsAnnouncedAndShownInTheStatusLine(FxRobot robot) throws Exception {
        waitFor(() -> text(robot, "#status-line").startsWith("Serving on"));
        anthropic.enqueue(AnthropicReply.rateLimited(60));
        anthropic.enqueue(AnthropicReply.text("from the backup group"));

        assertThat(TestApp.ask(app.engine().state().baseUrl().orElseThrow(), "claude-sonnet-4-5").body())
                .contains("from the backup group");

        waitFor(() -> robot.lookup("#status-notification").query().isVisible());
        assertThat(text(robot, "#status-notification")).startsWith("Spillway: failed over: claude-* failed over");
        waitFor(() -> text(robot, "#status-line").startsWith("Serving via fallback on :" + port));
        assertThat(text(robot, "#status-detail")).isEqualTo("On fallback: claude-*");
    }

    @Test
    void stopAndStartFromTheMenu(FxRobot robot) throws Exception {
        waitFor(() -> text(robot, "#status-line").startsWith("Serving"));

        robot.clickOn("#stop-proxy");
        waitFor(() -> text(robot, "#status-line").equals("Proxy stopped"));
        assertThat(robot.lookup("#open-dashboard").queryButton().isDisabled()).isTrue();

        robot.clickOn("#start-proxy");
        waitFor(() -> text(robot, "#status-line").startsWith("Serving on :" + port));
        assertThat(TestApp.ask(app.engine().state().baseUrl().orElseThrow(), "claude-haiku-4-5").statusCode())
                .isEqualTo(200);
    }

    @Test
    void theClaudeCodeItemConfiguresClaudeCodeForTheRunningProxyAndUndoesIt(FxRobot robot) throws Exception {
        waitFor(() -> text(robot, "#status-line").startsWith("Serving"));
        Path settings = home.resolve(".claude").resolve("settings.json");
        CheckBox item = robot.lookup("#claude-code").queryAs(CheckBox.class);
        waitFor(() -> !item.isDisabled());
        assertThat(item.isSelected()).isFalse();

        robot.clickOn("#claude-code");
        waitFor(() -> Files.exists(settings));
        assertThat(Files.readString(settings)).contains("\"ANTHROPIC_BASE_URL\": \"http://127.0.0.1:" + port + "\"");
        waitFor(item::isSelected);

        robot.clickOn("#claude-code");
        waitFor(() -> !Files.exists(settings));
    }

    @Test
    void theDashboardShowsWhatTheSpendStoreHoldsAndRequestsAsTheyHappen(FxRobot robot) throws Exception {
        waitFor(() -> text(robot, "#status-line").startsWith("Serving"));
        URI proxy = app.engine().state().baseUrl().orElseThrow();
        anthropic.enqueue(AnthropicReply.text("first").withUsage(1000, 500, 0, 0));
        assertThat(TestApp.ask(proxy, "claude-sonnet-4-5").statusCode()).isEqualTo(200);

        robot.clickOn("#open-dashboard");
        waitFor(() -> script(robot, "document.querySelectorAll('#requests tr').length").equals("1"));
        assertThat(script(robot, "document.getElementById('key-dialog').hidden")).as("no key prompt").isEqualTo("true");
        assertThat(text(robot, "#dashboard-address")).doesNotContain(MASTER_KEY);
        waitFor(() -> script(robot, "document.getElementById('requests-today').textContent").equals("1"));
        // by provider: 1 request, 1,000 input and 500 output tokens, $0.0105 at Sonnet's prices
        waitFor(() -> script(robot, "document.getElementById('spend-totals').textContent").startsWith("anthropic1"));
        assertThat(script(robot, "document.getElementById('spend-totals').textContent"))
                .isEqualTo("anthropic11,00050000$0.01");

        anthropic.enqueue(AnthropicReply.text("second").withUsage(10, 5, 0, 0));
        assertThat(TestApp.ask(proxy, "claude-haiku-4-5").statusCode()).isEqualTo(200);
        waitFor(() -> script(robot, "document.querySelectorAll('#requests tr').length").equals("2"));
        // newest first: group, provider, status, latency, tokens, cost
        assertThat(script(robot, "document.querySelectorAll('#requests tr')[0].textContent"))
                .contains("claude-*anthropic200").contains("15$");
        assertThat(script(robot, "document.querySelectorAll('#requests tr')[1].textContent"))
                .contains("claude-*anthropic200").contains("1,500$");
    }

    private String script(FxRobot robot, String expression) {
        Object[] result = new Object[1];
        robot.interact(() -> {
            WebView web = robot.lookup("#dashboard-web").queryAs(WebView.class);
            try {
                result[0] = web.getEngine().executeScript(expression);
            } catch (RuntimeException e) {
                result[0] = "";
            }
        });
        return String.valueOf(result[0]);
    }

    @Test
    void aGroupAddedInSettingsIsServedByTheRunningEngine(FxRobot robot) throws Exception {
        waitFor(() -> text(robot, "#status-line").startsWith("Serving"));

        robot.clickOn("#open-settings");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("Routing");
        robot.clickOn("#new-group-name").write("sonnet-alias");
        robot.clickOn("#new-group-model").write("anthropic/claude-sonnet-4-5");
        robot.clickOn("#add-group");
        robot.clickOn("#cooldown").push(KeyCode.CONTROL, KeyCode.A).write("30");
        robot.clickOn("#save");

        waitFor(() -> text(robot, "#settings-status").startsWith("Saved"));
        assertThat(app.engine().engine().orElseThrow().modelGroups()).contains("sonnet-alias");
        assertThat(Files.readString(store.file())).contains("# written by the test").contains("sonnet-alias")
                .contains("cooldown_time: 30");
        assertThat(TestApp.ask(app.engine().state().baseUrl().orElseThrow(), "claude-sonnet-4-5").statusCode())
                .isEqualTo(200);
    }
}
