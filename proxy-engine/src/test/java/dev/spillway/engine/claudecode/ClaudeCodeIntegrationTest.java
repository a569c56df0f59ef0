package dev.spillway.engine.claudecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.engine.claudecode.ClaudeCodeIntegration.Status;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaudeCodeIntegrationTest {

    private static final URI SPILLWAY = URI.create("http://127.0.0.1:47000");
    private static final String USER_SETTINGS = """
            {
                "permissions": {"allow": ["Bash(npm run test:*)"], "deny": []},
                "model": "opus",
                "env": {"DISABLE_TELEMETRY": "1", "ANTHROPIC_BASE_URL": "https://gateway.example.com"},
                "statusLine": {"type": "command", "command": "~/bin/status \\u00e9t\\u00e9"}
            }""";

    @TempDir
    Path home;

    private Path project;
    private Path managed;
    private Path settings;

    @BeforeEach
    void setUp() throws Exception {
        project = Files.createDirectories(home.resolve("work/project"));
        managed = home.resolve("etc/managed-settings.json");
        settings = home.resolve(".claude/settings.json");
    }

    private ClaudeCodeIntegration integration(Map<String, String> env) {
        ClaudeCodeFiles files = ClaudeCodeFiles.forUser(home, project, env)
                .withOverrides(List.of(project.resolve(".claude/settings.json"),
                        project.resolve(".claude/settings.local.json")), List.of(managed));
        return new ClaudeCodeIntegration(files, env);
    }

    private ClaudeCodeIntegration integration() {
        return integration(Map.of());
    }

    private void writeSettings(String json) throws Exception {
        Files.createDirectories(settings.getParent());
        Files.writeString(settings, json);
        Files.setPosixFilePermissions(settings, PosixFilePermissions.fromString("rw-r--r--"));
    }

    @Test
    void configureSetsTheBaseUrlAndKeepsEveryOtherKeyInOrder() throws Exception {
        writeSettings(USER_SETTINGS);

        ClaudeCodeIntegration.State state = integration().configure(SPILLWAY, Optional.empty());

        assertThat(Files.readString(settings)).isEqualTo("""
                {
                  "permissions": {
                    "allow": [
                      "Bash(npm run test:*)"
                    ],
                    "deny": []
                  },
                  "model": "opus",
                  "env": {
                    "DISABLE_TELEMETRY": "1",
                    "ANTHROPIC_BASE_URL": "http://127.0.0.1:47000"
                  },
                  "statusLine": {
                    "type": "command",
                    "command": "~/bin/status été"
                  }
                }""");
        assertThat(state.status()).isEqualTo(Status.CONFIGURED);
        assertThat(state.baseUrl()).contains("http://127.0.0.1:47000");
        assertThat(Files.readString(home.resolve(".claude/settings.json.spillway-backup"))).isEqualTo(USER_SETTINGS);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(settings))).isEqualTo("rw-r--r--");
    }

    @Test
    void removeRestoresTheFileByteForByte() throws Exception {
        writeSettings(USER_SETTINGS);
        byte[] original = Files.readAllBytes(settings);
        ClaudeCodeIntegration claude = integration();

        claude.configure(SPILLWAY, Optional.of("sk-spillway-master"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(settings)))
                .as("holds a secret").isEqualTo("rw-------");
        assertThat(claude.remove()).isTrue();

        assertThat(Files.readAllBytes(settings)).isEqualTo(original);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(settings))).isEqualTo("rw-r--r--");
        assertThat(home.resolve(".claude/settings.json.spillway-backup")).doesNotExist();
        assertThat(home.resolve(".claude/spillway-integration.json")).doesNotExist();
        assertThat(claude.state().status()).isEqualTo(Status.CONFIGURED_ELSEWHERE);
    }

    @Test
    void configuringTwiceStillRestoresTheOriginal() throws Exception {
        writeSettings(USER_SETTINGS);
        byte[] original = Files.readAllBytes(settings);
        ClaudeCodeIntegration claude = integration();

        claude.configure(SPILLWAY, Optional.of("sk-spillway-master"));
        claude.configure(URI.create("http://127.0.0.1:48000"), Optional.empty());

        assertThat(Files.readString(settings)).contains("48000").doesNotContain("ANTHROPIC_AUTH_TOKEN");
        claude.remove();
        assertThat(Files.readAllBytes(settings)).isEqualTo(original);
    }

    @Test
    void aFileSpillwayCreatedIsDeletedOnRemove() throws Exception {
        ClaudeCodeIntegration claude = integration();

        claude.configure(SPILLWAY, Optional.empty());
        assertThat(Files.readString(settings)).isEqualTo("""
                {
                  "env": {
                    "ANTHROPIC_BASE_URL": "http://127.0.0.1:47000"
                  }
                }
                """);
        claude.remove();

        assertThat(settings).doesNotExist();
        assertThat(claude.state().status()).isEqualTo(Status.NOT_CONFIGURED);
    }

    @Test
    void editsMadeAfterConfiguringAreKeptOnRemove() throws Exception {
        writeSettings(USER_SETTINGS);
        ClaudeCodeIntegration claude = integration();
        claude.configure(SPILLWAY, Optional.of("sk-spillway-master"));
        Files.writeString(settings, Files.readString(settings).replace("\"opus\"", "\"sonnet\""));

        claude.remove();

        String restored = Files.readString(settings);
        assertThat(restored).contains("\"model\": \"sonnet\"")
                .contains("\"ANTHROPIC_BASE_URL\": \"https://gateway.example.com\"")
                .doesNotContain("ANTHROPIC_AUTH_TOKEN");
    }

    @Test
    void removeWithoutConfigureChangesNothing() throws Exception {
        writeSettings(USER_SETTINGS);

        assertThat(integration().remove()).isFalse();
        assertThat(Files.readString(settings)).isEqualTo(USER_SETTINGS);
    }

    @Test
    void invalidJsonIsNeverOverwritten() throws Exception {
        writeSettings("{\"model\": \"opus\",,}");

        assertThatThrownBy(() -> integration().configure(SPILLWAY, Optional.empty()))
                .isInstanceOf(ClaudeCodeException.class).hasMessageContaining(settings.toString())
                .hasMessageContaining("not valid JSON");
        assertThat(Files.readString(settings)).isEqualTo("{\"model\": \"opus\",,}");
        assertThat(home.resolve(".claude/spillway-integration.json")).doesNotExist();
    }

    @Test
    void statesAndThePlan() throws Exception {
        assertThat(integration().state().status()).isEqualTo(Status.NOT_CONFIGURED);
        writeSettings(USER_SETTINGS);
        assertThat(integration().state().status()).isEqualTo(Status.CONFIGURED_ELSEWHERE);

        assertThat(integration().plan(SPILLWAY, Optional.of("sk-spillway-master"))).containsExactly(
                "back up " + settings + " to settings.json.spillway-backup",
                "replace env.ANTHROPIC_BASE_URL = http://127.0.0.1:47000 (was https://gateway.example.com)",
                "set env.ANTHROPIC_AUTH_TOKEN = <the proxy's master key>");
        assertThat(Files.readString(settings)).as("plan changes nothing").isEqualTo(USER_SETTINGS);
    }

    @Test
    void detectsWhatWouldDefeatTheSetting() throws Exception {
        writeSettings("{\"env\": {\"CLAUDE_CODE_USE_BEDROCK\": \"1\"}}");
        Path projectSettings = Files.createDirectories(project.resolve(".claude")).resolve("settings.local.json");
        Files.writeString(projectSettings, "{\"env\": {\"ANTHROPIC_BASE_URL\": \"https://other.example.com\"}}");

        ClaudeCodeIntegration.State state = integration(Map.of("CLAUDE_CODE_USE_BEDROCK", "true"))
                .configure(SPILLWAY, Optional.empty());

        assertThat(state.conflicts()).extracting(Conflict::source)
                .containsExactly("environment", settings.toString(), projectSettings.toString());
        assertThat(state.conflicts().get(0).toString()).isEqualTo("CLAUDE_CODE_USE_BEDROCK=true makes Claude Code "
                + "call AWS Bedrock directly, ignoring ANTHROPIC_BASE_URL (environment): unset it in your shell "
                + "profile, or start Claude Code with ./spillway claude");
        assertThat(state.conflicts().get(2).problem()).isEqualTo("env.ANTHROPIC_BASE_URL=https://other.example.com"
                + " overrides the user settings in this project");
    }

    @Test
    void falseValuesAndTheSameUrlAreNoConflict() throws Exception {
        Path projectSettings = Files.createDirectories(project.resolve(".claude")).resolve("settings.json");
        Files.writeString(projectSettings, "{\"env\": {\"ANTHROPIC_BASE_URL\": \"http://127.0.0.1:47000\"}}");
        Files.createDirectories(managed.getParent());
        Files.writeString(managed, "{\"env\": {\"CLAUDE_CODE_USE_BEDROCK\": \"0\"}}");

        ClaudeCodeIntegration.State state = integration(Map.of("CLAUDE_CODE_USE_BEDROCK", "false"))
                .configure(SPILLWAY, Optional.empty());

        assertThat(state.conflicts()).isEmpty();
    }

    @Test
    void honoursClaudeConfigDir() throws Exception {
        Path custom = home.resolve("custom-claude");
        ClaudeCodeIntegration claude = ClaudeCodeIntegration.forUser(home, project,
                Map.of("CLAUDE_CONFIG_DIR", custom.toString()));

        claude.configure(SPILLWAY, Optional.empty());

        assertThat(new String(Files.readAllBytes(custom.resolve("settings.json")), StandardCharsets.UTF_8))
                .contains("127.0.0.1:47000");
        assertThat(settings).doesNotExist();
    }
}
