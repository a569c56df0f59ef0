package dev.spillway.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** configure-claude, show-claude and remove-claude in a temporary home. */
class ClaudeCommandsTest {

    private static final String ORIGINAL = "{\n    \"model\": \"opus\",\n    \"env\": {\"DISABLE_TELEMETRY\": \"1\"}\n}";

    @TempDir
    Path home;

    private CliRun cli;
    private Path settings;

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliRun(home);
        settings = Files.createDirectories(home.resolve(".claude")).resolve("settings.json");
        Files.writeString(settings, ORIGINAL);
    }

    @Test
    void configureShowRemoveRoundTrip() throws Exception {
        CliRun.Result configured = cli.run("configure-claude", "--key", "sk-spillway-test-master");
        assertThat(configured.exitCode()).as(configured.toString()).isZero();
        assertThat(configured.out()).contains("set env.ANTHROPIC_BASE_URL = http://127.0.0.1:47000")
                .contains("set env.ANTHROPIC_AUTH_TOKEN = <the proxy's master key>")
                .contains("Claude Code now uses Spillway").doesNotContain("sk-spillway-test-master");
        assertThat(Files.readString(settings)).contains("\"ANTHROPIC_AUTH_TOKEN\": \"sk-spillway-test-master\"");

        CliRun.Result shown = cli.run("show-claude");
        assertThat(shown.exitCode()).isZero();
        assertThat(shown.out()).contains("Status: configured by Spillway, ANTHROPIC_BASE_URL=http://127.0.0.1:47000 "
                + "(with ANTHROPIC_AUTH_TOKEN)").doesNotContain("sk-spillway-test-master");

        CliRun.Result removed = cli.run("remove-claude");
        assertThat(removed.exitCode()).isZero();
        assertThat(removed.out()).contains("Restored " + settings);
        assertThat(Files.readString(settings)).isEqualTo(ORIGINAL);

        assertThat(cli.run("remove-claude").out()).contains("Nothing to remove");
        assertThat(cli.run("show-claude").out()).contains("Status: not configured (run ./spillway configure-claude)");
    }

    @Test
    void theMasterKeyComesFromTheEnvironmentToo() throws Exception {
        cli.env.put("SPILLWAY_MASTER_KEY", "sk-spillway-env-master");

        assertThat(cli.run("configure-claude", "--url", "http://127.0.0.1:48000").exitCode()).isZero();

        assertThat(Files.readString(settings)).contains("\"ANTHROPIC_AUTH_TOKEN\": \"sk-spillway-env-master\"")
                .contains("http://127.0.0.1:48000");
    }

    @Test
    void conflictsAreReportedWithExitCodeFour() throws Exception {
        cli.env.put("CLAUDE_CODE_USE_BEDROCK", "1");
        Path project = Files.createDirectories(cli.workingDir.resolve(".claude")).resolve("settings.json");
        Files.writeString(project, "{\"env\": {\"ANTHROPIC_BASE_URL\": \"https://elsewhere.example.com\"}}");

        CliRun.Result configured = cli.run("configure-claude");
        assertThat(configured.exitCode()).isEqualTo(ExitCodes.NEEDS_ATTENTION);
        assertThat(configured.out()).contains("warning: CLAUDE_CODE_USE_BEDROCK=1 makes Claude Code call AWS Bedrock")
                .contains("warning: env.ANTHROPIC_BASE_URL=https://elsewhere.example.com overrides the user settings "
                        + "in this project (" + project + ")");

        CliRun.Result shown = cli.run("show-claude");
        assertThat(shown.exitCode()).isEqualTo(ExitCodes.NEEDS_ATTENTION);
        assertThat(shown.out()).contains("warning: CLAUDE_CODE_USE_BEDROCK=1");
    }

    @Test
    void dryRunChangesNothing() throws Exception {
        CliRun.Result plan = cli.run("configure-claude", "--dry-run");

        assertThat(plan.exitCode()).isZero();
        assertThat(plan.out()).contains("back up " + settings).contains("set env.ANTHROPIC_BASE_URL");
        assertThat(Files.readString(settings)).isEqualTo(ORIGINAL);
        assertThat(home.resolve(".claude/spillway-integration.json")).doesNotExist();
    }

    @Test
    void brokenSettingsAreLeftAloneWithExitCodeOne() throws Exception {
        Files.writeString(settings, "{oops");

        CliRun.Result result = cli.run("configure-claude");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.err()).contains(settings + " is not valid JSON");
        assertThat(Files.readString(settings)).isEqualTo("{oops");
    }

    @Test
    void shellProfileMode() throws Exception {
        Path bashrc = home.resolve(".bashrc");
        Files.writeString(bashrc, "# mine\n");

        CliRun.Result added = cli.run("configure-claude", "--shell", "bash");
        assertThat(added.exitCode()).as(added.toString()).isZero();
        assertThat(Files.readString(bashrc)).contains("export ANTHROPIC_BASE_URL='http://127.0.0.1:47000'");
        assertThat(Files.readString(settings)).as("settings.json untouched").isEqualTo(ORIGINAL);
        assertThat(cli.run("show-claude").out()).contains("Shell profile: Spillway's block is in " + bashrc);

        assertThat(cli.run("remove-claude", "--shell", "bash").out()).contains("Removed Spillway's block");
        assertThat(Files.readString(bashrc)).isEqualTo("# mine\n");
        CliRun.Result bad = cli.run("configure-claude", "--shell", "tcsh");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(bad.err()).contains("use bash, zsh or fish");
    }

    @Test
    void shellModeWarnsWhenTheSettingsFileWinsOverTheShell() throws Exception {
        Files.writeString(settings, "{\"env\": {\"ANTHROPIC_BASE_URL\": \"https://elsewhere.example.com\"}}");

        CliRun.Result result = cli.run("configure-claude", "--shell", "zsh");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.NEEDS_ATTENTION);
        assertThat(result.out()).contains("warning: " + settings + " sets env.ANTHROPIC_BASE_URL="
                + "https://elsewhere.example.com, which wins over the shell");
    }

    @Test
    void theLauncherSaysHowToInstallClaudeWhenItIsMissing() {
        CliRun.Result result = cli.run("claude", "-p", "hi");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.err()).contains("npm install -g @anthropic-ai/claude-code");
    }
}
