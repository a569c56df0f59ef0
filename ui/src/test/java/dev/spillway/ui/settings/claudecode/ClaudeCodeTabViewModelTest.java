package dev.spillway.ui.settings.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.engine.claudecode.ClaudeCodeFiles;
import dev.spillway.engine.claudecode.ClaudeCodeIntegration;
import dev.spillway.engine.config.ConfigDocument;
import dev.spillway.ui.settings.TestSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Claude Code switch against a real ~/.claude/settings.json in a temporary home. */
class ClaudeCodeTabViewModelTest {

    private static final String USERS_SETTINGS = "{\n  \"model\": \"opus\"\n}\n";

    @TempDir
    Path home;

    private Path settingsFile;
    private ClaudeCodeTabViewModel tab;
    private ConfigDocument document;

    @BeforeEach
    void setUp() throws Exception {
        settingsFile = Files.createDirectories(home.resolve(".claude")).resolve("settings.json");
        Files.writeString(settingsFile, USERS_SETTINGS);
        ClaudeCodeFiles files = ClaudeCodeFiles.forUser(home, home, Map.of()).withOverrides(List.of(), List.of());
        tab = new ClaudeCodeTabViewModel(new ClaudeCodeIntegration(files, Map.of()));
        document = TestSettings.defaults();
        document.set(47010, "spillway_settings", "port");
        tab.setValues(document);
    }

    @Test
    void showsWhatTurningItOnWillChangeThenDoesItOnSave() throws Exception {
        assertThat(tab.enabledProperty().get()).isFalse();
        assertThat(tab.statusProperty().get()).contains("calls Anthropic directly");

        tab.enabledProperty().set(true);
        assertThat(tab.plan()).anySatisfy(line -> assertThat(line)
                .isEqualTo("set env.ANTHROPIC_BASE_URL = http://127.0.0.1:47010"));
        assertThat(Files.readString(settingsFile)).isEqualTo(USERS_SETTINGS);

        tab.storeSettings(document);
        tab.afterSave(null);

        assertThat(Files.readString(settingsFile)).contains("\"ANTHROPIC_BASE_URL\": \"http://127.0.0.1:47010\"")
                .contains("\"model\": \"opus\"");
        assertThat(tab.statusProperty().get()).contains("Claude Code uses Spillway (http://127.0.0.1:47010");
    }

    @Test
    void turningItOffRestoresTheUsersFileExactly() throws Exception {
        tab.enabledProperty().set(true);
        tab.afterSave(null);
        tab.setValues(document);
        assertThat(tab.enabledProperty().get()).isTrue();

        tab.enabledProperty().set(false);
        assertThat(tab.plan()).singleElement().satisfies(line -> assertThat(line).startsWith("restore"));
        tab.afterSave(null);

        assertThat(Files.readString(settingsFile)).isEqualTo(USERS_SETTINGS);
    }

    @Test
    void aProxyOnAllAddressesIsReachedThroughLoopback() {
        assertThat(ClaudeCodeTabViewModel.urlOf("0.0.0.0", "47000").toString()).isEqualTo("http://127.0.0.1:47000");
        assertThat(ClaudeCodeTabViewModel.urlOf("::1", "47000").toString()).isEqualTo("http://[::1]:47000");
    }
}
