package dev.spillway.engine.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OS credential tools: the exact commands sent to them (secrets only on standard input), and the real
 * {@code secret-tool} where this machine has a Secret Service.
 */
class OsSecretStoresTest {

    @TempDir
    Path dir;

    /** Stands in for the OS tool: records each command and its input, answers as the tool would. */
    private static final class RecordingTool implements CommandRunner {
        final List<List<String>> commands = new ArrayList<>();
        final List<String> inputs = new ArrayList<>();
        Result answer = new Result(0, "", "");

        @Override
        public Result run(List<String> command, String stdin) {
            commands.add(command);
            inputs.add(stdin);
            return answer;
        }
    }

    @Test
    void theSecretServiceGetsTheSecretOnStandardInputOnly() {
        RecordingTool tool = new RecordingTool();
        SecretServiceStore store = new SecretServiceStore(tool);

        store.put("OPENAI_API_KEY", "test-openai-key");

        assertThat(tool.commands.get(0)).containsExactly("secret-tool", "store", "--label=Spillway OPENAI_API_KEY",
                "service", "spillway", "name", "OPENAI_API_KEY");
        assertThat(tool.inputs.get(0)).isEqualTo("test-openai-key");
    }

    @Test
    void theKeychainGetsTheSecretThroughItsInteractiveModeQuoted() {
        RecordingTool tool = new RecordingTool();
        KeychainStore store = new KeychainStore(tool);

        store.put("OPENAI_API_KEY", "test\"key\\x");

        assertThat(tool.commands.get(0)).containsExactly("/usr/bin/security", "-i");
        assertThat(tool.inputs.get(0)).isEqualTo("add-generic-password -U -s spillway -a OPENAI_API_KEY "
                + "-l \"Spillway OPENAI_API_KEY\" -w \"test\\\"key\\\\x\"\n");
        assertThat(String.join(" ", tool.commands.get(0))).doesNotContain("test");
    }

    @Test
    void windowsCredentialManagerGetsTheSecretOnStandardInputOnly() {
        RecordingTool tool = new RecordingTool();
        WindowsCredentialStore store = new WindowsCredentialStore(tool);

        store.put("OPENAI_API_KEY", "test-openai-key");

        List<String> command = tool.commands.get(0);
        assertThat(command).startsWith("powershell.exe", "-NoProfile", "-NonInteractive");
        assertThat(command.get(command.size() - 2)).isEqualTo("-EncodedCommand");
        String script = new String(Base64.getDecoder().decode(command.get(command.size() - 1)),
                StandardCharsets.UTF_16LE);
        assertThat(script).contains("$target = 'spillway:OPENAI_API_KEY'").contains("switch ('put')")
                .contains("CredWriteW").doesNotContain("__NAME__").doesNotContain("test-openai-key");
        assertThat(tool.inputs.get(0)).isEqualTo("test-openai-key");
    }

    @Test
    void windowsCredentialManagerAnswersAreDecodedAndRemembered() {
        RecordingTool tool = new RecordingTool();
        tool.answer = new CommandRunner.Result(0, Base64.getEncoder().encodeToString(
                "tést-key".getBytes(StandardCharsets.UTF_8)) + "\r\n", "");
        WindowsCredentialStore store = new WindowsCredentialStore(tool);

        assertThat(store.get("GROQ_API_KEY")).contains("tést-key");
        assertThat(store.get("GROQ_API_KEY")).contains("tést-key");
        assertThat(tool.commands).hasSize(1);

        tool.answer = new CommandRunner.Result(WindowsCredentialStore.NOT_FOUND, "", "");
        assertThat(store.get("DEEPSEEK_API_KEY")).isEmpty();
        tool.answer = new CommandRunner.Result(1, "", "Add-Type : language mode");
        assertThatThrownBy(() -> store.get("OPENROUTER_API_KEY")).isInstanceOf(SecretStoreException.class)
                .hasMessageContaining("Windows Credential Manager").hasMessageContaining("OPENROUTER_API_KEY");
    }

    @Test
    void windowsUsesTheCredentialManagerWhenPowerShellCanReachIt() {
        RecordingTool reachable = new RecordingTool();
        reachable.answer = new CommandRunner.Result(WindowsCredentialStore.NOT_FOUND, "", "");

        assertThat(SecretStores.select("Windows 11", dir, reachable)).isInstanceOf(WindowsCredentialStore.class);
    }

    /** Runs on macOS only (the installers workflow's macOS job runs this class). */
    @Test
    void theRealKeychainOnMacOs() {
        assumeTrue(System.getProperty("os.name", "").startsWith("Mac"), "not macOS");
        KeychainStore store = new KeychainStore(CommandRunner.system());
        try {
            store.put("SPILLWAY_TEST_SECRET", "test-secret \"value\"");
            assertThat(store.get("SPILLWAY_TEST_SECRET")).contains("test-secret \"value\"");
        } finally {
            store.remove("SPILLWAY_TEST_SECRET");
        }
        assertThat(store.get("SPILLWAY_TEST_SECRET")).isEmpty();
    }

    /** Runs on Windows only (the installers workflow's Windows job runs this class). */
    @Test
    void theRealWindowsCredentialManagerOnWindows() {
        assumeTrue(System.getProperty("os.name", "").startsWith("Windows"), "not Windows");
        WindowsCredentialStore store = new WindowsCredentialStore(CommandRunner.system());
        try {
            store.put("SPILLWAY_TEST_SECRET", "test-secret-välue");
            assertThat(new WindowsCredentialStore(CommandRunner.system()).get("SPILLWAY_TEST_SECRET"))
                    .contains("test-secret-välue");
        } finally {
            store.remove("SPILLWAY_TEST_SECRET");
        }
        assertThat(new WindowsCredentialStore(CommandRunner.system()).get("SPILLWAY_TEST_SECRET")).isEmpty();
    }

    @Test
    void withoutAKeyringLinuxFallsBackToTheOwnerOnlyFile() {
        RecordingTool noKeyring = new RecordingTool();
        noKeyring.answer = new CommandRunner.Result(1, "", "Cannot autolaunch D-Bus without X11 $DISPLAY");

        assertThat(SecretStores.select("Linux", dir, noKeyring)).isInstanceOf(FileSecretStore.class);
        assertThat(SecretStores.select("Windows 11", dir, noKeyring)).isInstanceOf(FileSecretStore.class);
        RecordingTool keyring = new RecordingTool();
        keyring.answer = new CommandRunner.Result(1, "", "");
        assertThat(SecretStores.select("Linux", dir, keyring)).isInstanceOf(SecretServiceStore.class);
    }

    @Test
    void theRealSecretServiceWhenThisMachineHasOne() {
        assumeTrue(SecretServiceStore.isAvailable(CommandRunner.system()), "no Secret Service here");
        SecretServiceStore store = new SecretServiceStore(CommandRunner.system());
        try {
            store.put("SPILLWAY_TEST_SECRET", "test-secret-value");
            assertThat(store.get("SPILLWAY_TEST_SECRET")).contains("test-secret-value");
        } finally {
            store.remove("SPILLWAY_TEST_SECRET");
        }
        assertThat(store.get("SPILLWAY_TEST_SECRET")).isEmpty();
    }
}
