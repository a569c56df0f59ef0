package dev.spillway.ui.settings;

import static dev.spillway.ui.FxReads.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.engine.config.SpillwayConfig;
import dev.spillway.ui.settings.providers.ProvidersTab;
import dev.spillway.ui.settings.providers.ProvidersTabViewModel;
import dev.spillway.ui.settings.proxy.ProxyTab;
import dev.spillway.ui.settings.proxy.ProxyTabViewModel;
import dev.spillway.ui.settings.routing.ModelGroupRow;
import dev.spillway.ui.settings.routing.RoutingTab;
import dev.spillway.ui.settings.routing.RoutingTabViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.AfterEach;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real settings window, driven by clicks and typing (headless Monocle), saving to a real file. */
@ExtendWith(ApplicationExtension.class)
class SettingsViewTest {

    @TempDir
    Path dir;

    private SettingsStore store;
    private SettingsView view;
    private final List<SpillwayConfig> applied = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage unused) {
        store = TestSettings.in(dir);
        ProxyTabViewModel proxy = new ProxyTabViewModel(store.secrets(), Map.of());
        ProvidersTabViewModel providers = new ProvidersTabViewModel(store.secrets(), Map.of());
        RoutingTabViewModel routing = new RoutingTabViewModel();
        SettingsViewModel model = new SettingsViewModel(store, config -> {
            applied.add(config);
            return "Applied to the running proxy.";
        }, List.of(proxy, providers, routing));
        view = new SettingsView(model, List.of(new ProxyTab(proxy),
                new ProvidersTab(providers, store.secrets().description()), new RoutingTab(routing)));
        view.show();
    }

    @AfterEach
    void closeWindows() throws Exception {
        FxToolkit.cleanupStages(); // lookups must not find the previous test's window
    }

    private static void replaceText(FxRobot robot, String query, String text) {
        robot.clickOn(query);
        robot.push(KeyCode.CONTROL, KeyCode.A);
        if (text.isEmpty()) {
            robot.push(KeyCode.BACK_SPACE);
        } else {
            robot.write(text);
        }
    }

    private static boolean visible(FxRobot robot, String query) {
        Node node = robot.lookup(query).query();
        return node.isVisible();
    }

    @Test
    void aBadPortIsShownNextToTheFieldAndAGoodOneIsSavedAndApplied(FxRobot robot) throws Exception {
        replaceText(robot, "#port", "70000");
        robot.clickOn("#save");

        assertThat(visible(robot, "#port-error")).isTrue();
        assertThat(text(robot, "#port-error")).contains("1 to 65535");
        assertThat(store.file()).doesNotExist();

        replaceText(robot, "#port", "47002");
        robot.clickOn("#save");

        assertThat(visible(robot, "#port-error")).isFalse();
        assertThat(text(robot, "#settings-status")).contains("Saved").contains("Applied to the running proxy.");
        assertThat(Files.readString(store.file())).contains("port: 47002");
        assertThat(applied).singleElement().satisfies(c -> assertThat(c.app().port()).contains(47002));
    }

    @Test
    void leavingLoopbackWarnsAndAsksForAMasterKeyWhichStaysOutOfTheFile(FxRobot robot) throws Exception {
        assertThat(visible(robot, "#host-warning")).isFalse();
        replaceText(robot, "#host", "0.0.0.0");
        assertThat(visible(robot, "#host-warning")).isTrue();

        robot.clickOn("#save");
        assertThat(text(robot, "#master-key-row-error")).contains("Required");

        robot.clickOn("#generate-master-key");
        robot.clickOn("#save");

        String key = store.secrets().get(ProxyTabViewModel.MASTER_KEY_VARIABLE).orElseThrow();
        assertThat(Files.readString(store.file())).contains("host: 0.0.0.0").doesNotContain(key);
        assertThat(applied).singleElement().satisfies(c -> assertThat(c.general().masterKey()).contains(key));
    }

    @Test
    void aMalformedProviderKeyIsCaughtInTheForm(FxRobot robot) {
        robot.clickOn("Providers");
        robot.clickOn("#key-openai").write("sk test");
        robot.clickOn("#save");

        assertThat(text(robot, "#key-openai-error")).contains("no spaces");
        assertThat(applied).isEmpty();

        replaceText(robot, "#key-openai", "sk-test-key1");
        robot.clickOn("#save");
        assertThat(store.secrets().get("OPENAI_API_KEY")).contains("sk-test-key1");
    }

    @Test
    void aModelGroupAddedInTheTableIsSavedWithItsFallback(FxRobot robot) throws Exception {
        robot.clickOn("Routing");
        robot.clickOn("#new-group-name").write("gpt");
        robot.clickOn("#new-group-model").write("gpt");
        robot.clickOn("#add-group");
        assertThat(text(robot, "#new-group-error")).contains("provider/model");

        replaceText(robot, "#new-group-model", "openai/gpt");
        robot.clickOn("#add-group");
        TableView<ModelGroupRow> table = robot.lookup("#groups").queryTableView();
        assertThat(table.getItems()).extracting(r -> r.nameProperty().get()).contains("gpt");

        robot.interact(() -> table.getItems().stream().filter(r -> r.nameProperty().get().equals("gpt"))
                .findFirst().orElseThrow().fallbacksProperty().set("claude-sonnet"));
        replaceText(robot, "#cooldown", "90");
        robot.clickOn("#save");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(text(robot, "#settings-status")).contains("Saved");
        assertThat(applied).singleElement().satisfies(c -> {
            assertThat(c.router().fallbacks()).containsEntry("gpt", List.of("claude-sonnet"));
            assertThat(c.router().cooldownTime().toSeconds()).isEqualTo(90);
        });
    }
}
