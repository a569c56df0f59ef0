package dev.spillway.ui.settings;

import static dev.spillway.ui.FxReads.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.engine.aws.CredentialState;
import dev.spillway.engine.aws.SsoClients;
import dev.spillway.engine.aws.SsoSignIn;
import dev.spillway.engine.aws.SsoTokenCache;
import dev.spillway.engine.claudecode.ClaudeCodeFiles;
import dev.spillway.engine.claudecode.ClaudeCodeIntegration;
import dev.spillway.engine.config.SpillwayConfig;
import dev.spillway.simulators.AwsSsoSimulator;
import dev.spillway.ui.settings.aws.AwsAccess;
import dev.spillway.ui.settings.aws.AwsTab;
import dev.spillway.ui.settings.aws.AwsTabViewModel;
import dev.spillway.ui.settings.claudecode.ClaudeCodeTab;
import dev.spillway.ui.settings.claudecode.ClaudeCodeTabViewModel;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListView;
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

/** The AWS and Claude Code tabs of the real settings window, against a temporary home and the SSO simulator. */
@ExtendWith(ApplicationExtension.class)
class AwsAndClaudeCodeTabsTest {

    @TempDir
    Path home;

    private final AwsSsoSimulator sso = AwsSsoSimulator.start();
    private final List<URI> browsed = new CopyOnWriteArrayList<>();
    private final List<SpillwayConfig> applied = new CopyOnWriteArrayList<>();
    private SettingsStore store;

    @Start
    void start(Stage unused) throws Exception {
        Path aws = Files.createDirectories(home.resolve(".aws"));
        Files.writeString(aws.resolve("config"), """
                [profile work]
                sso_session = company
                sso_account_id = 111122223333
                sso_role_name = Developer
                region = us-east-1

                [sso-session company]
                sso_region = us-east-1
                sso_start_url = https://example.awsapps.com/start
                """);
        Files.createDirectories(home.resolve(".claude"));
        SsoTokenCache cache = SsoTokenCache.inHome(home);
        Path config = aws.resolve("config");
        AwsTabViewModel awsTab = new AwsTabViewModel(new AwsAccess(config,
                new CredentialState(config, cache, Clock.systemUTC()),
                new SsoSignIn(SsoClients.at(sso.baseUrl()), cache, Clock.systemUTC())), "default",
                Executors.newSingleThreadExecutor(), Platform::runLater, browsed::add, ZoneOffset.UTC);
        ClaudeCodeTabViewModel claudeTab = new ClaudeCodeTabViewModel(new ClaudeCodeIntegration(
                ClaudeCodeFiles.forUser(home, home, Map.of()).withOverrides(List.of(), List.of()), Map.of()));
        store = TestSettings.in(home.resolve("spillway"));
        SettingsViewModel model = new SettingsViewModel(store, config1 -> {
            applied.add(config1);
            return "Applied.";
        }, List.of(awsTab, claudeTab));
        new SettingsView(model, List.of(new AwsTab(awsTab), new ClaudeCodeTab(claudeTab))).show();
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages(); // lookups must not find the previous test's window
        sso.close();
    }

    @Test
    void aBadRegionIsShownNextToItsFieldAndAGoodOneReachesEveryBedrockDeployment(FxRobot robot) {
        robot.clickOn("#aws-region").write("europe");
        robot.clickOn("#save");
        assertThat(text(robot, "#aws-region-error")).contains("us-east-1");
        assertThat(applied).isEmpty();

        robot.clickOn("#aws-region").push(KeyCode.CONTROL, KeyCode.A).write("eu-west-1");
        robot.interact(() -> robot.lookup("#aws-profile").queryAs(ComboBox.class).setValue("work"));
        robot.clickOn("#save");

        assertThat(applied).singleElement().satisfies(c -> assertThat(c.deployments())
                .filteredOn(d -> d.provider().equals("bedrock")).isNotEmpty()
                .allSatisfy(d -> {
                    assertThat(d.aws().profile()).contains("work");
                    assertThat(d.aws().region()).contains("eu-west-1");
                }));
    }

    @Test
    void signingInShowsTheCodeThenTheSessionsExpiry(FxRobot robot) throws Exception {
        robot.interact(() -> robot.lookup("#aws-profile").queryAs(ComboBox.class).setValue("work"));
        assertThat(text(robot, "#aws-credential-state")).startsWith("Missing");
        sso.scriptDevicePolls(AwsSsoSimulator.Poll.PENDING); // the user approves during the second poll

        robot.clickOn("#aws-sign-in");

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> text(robot, "#aws-user-code").startsWith("SIMU-"));
        assertThat(browsed).singleElement().satisfies(u -> assertThat(u.toString()).contains("user_code=SIMU-"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> text(robot, "#aws-sign-in-status").startsWith("Signed in as work"));
        assertThat(text(robot, "#aws-credential-state")).startsWith("Valid until");
    }

    @Test
    void theClaudeCodeSwitchShowsItsPlanAndAppliesItOnSave(FxRobot robot) throws Exception {
        robot.clickOn("Claude Code");
        robot.clickOn("#claude-code-enabled");
        ListView<?> plan = robot.lookup("#claude-code-plan").queryAs(ListView.class);
        assertThat(plan.getItems()).anySatisfy(line -> assertThat(line.toString())
                .isEqualTo("set env.ANTHROPIC_BASE_URL = http://127.0.0.1:47000"));

        robot.clickOn("#save");

        assertThat(Files.readString(home.resolve(".claude/settings.json")))
                .contains("\"ANTHROPIC_BASE_URL\": \"http://127.0.0.1:47000\"");
        assertThat(text(robot, "#claude-code-status")).startsWith("Claude Code uses Spillway");
    }
}
