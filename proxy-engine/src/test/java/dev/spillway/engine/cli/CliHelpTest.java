package dev.spillway.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CliHelpTest {

    static final List<String> COMMANDS = List.of("serve", "status", "health", "models", "show-models",
            "update-models", "generate-key", "configure-claude", "remove-claude", "show-claude", "test-claude",
            "claude", "sso-login", "sso-status", "install-service", "uninstall-service", "service-status");

    @TempDir
    Path home;

    @ParameterizedTest
    @ValueSource(strings = {"serve", "status", "health", "models", "show-models", "update-models", "generate-key",
            "configure-claude", "remove-claude", "show-claude", "test-claude", "claude", "sso-login", "sso-status",
            "install-service", "uninstall-service", "service-status"})
    void everyCommandHasHelp(String command) throws Exception {
        CliRun.Result result = new CliRun(home).run(command, "--help");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).startsWith("Usage: spillway " + command);
    }

    @Test
    void theRootHelpListsEveryCommandAndTheExitCodes() throws Exception {
        CliRun.Result result = new CliRun(home).run("--help");

        assertThat(result.exitCode()).isZero();
        for (String command : COMMANDS) {
            assertThat(result.out()).contains("  " + command + " ");
        }
        assertThat(result.out()).contains("3 proxy not running");
    }

    @Test
    void aWrongCommandLineExitsWithTwo() throws Exception {
        CliRun.Result result = new CliRun(home).run("status", "--no-such-option");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("Unknown option: '--no-such-option'");
    }

    @Test
    void generateKeyPrintsAFreshRandomKeyAndWhereToPutIt() throws Exception {
        CliRun cli = new CliRun(home);
        CliRun.Result first = cli.run("generate-key");
        CliRun.Result second = cli.run("generate-key", "--quiet");

        assertThat(first.exitCode()).isZero();
        assertThat(first.out().strip()).matches("sk-[A-Za-z0-9_-]{43}");
        assertThat(second.out().strip()).matches("sk-[A-Za-z0-9_-]{43}").isNotEqualTo(first.out().strip());
        assertThat(first.err()).contains("SPILLWAY_MASTER_KEY").contains("configure-claude --key");
        assertThat(second.err()).isEmpty();
    }

    @Test
    void showModelsPrintsTheBuiltInConfig() throws Exception {
        CliRun.Result result = new CliRun(home).run("show-models");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("built-in default config")
                .containsPattern("claude-sonnet\\s+anthropic-sonnet\\s+anthropic/claude-sonnet-4-5-20250929");
    }

    @Test
    void showModelsNamesAMissingConfig() throws Exception {
        CliRun.Result result = new CliRun(home).run("show-models", "--config", home.resolve("nope.yaml").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.err()).contains("config file not found").contains("nope.yaml");
    }
}
