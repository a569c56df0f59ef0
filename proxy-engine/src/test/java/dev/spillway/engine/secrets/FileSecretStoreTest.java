package dev.spillway.engine.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSecretStoreTest {

    @TempDir
    Path dir;

    @Test
    void keepsSecretsByNameInAFileOnlyItsOwnerCanRead() throws Exception {
        Path file = dir.resolve("spillway").resolve("secrets.json");
        FileSecretStore store = new FileSecretStore(file);

        store.put("OPENAI_API_KEY", "test-openai-key");
        store.put("ANTHROPIC_API_KEY", "sk-ant-test-key");
        store.put("OPENAI_API_KEY", "test-openai-key-2");

        assertThat(new FileSecretStore(file).get("OPENAI_API_KEY")).contains("test-openai-key-2");
        assertThat(store.get("ANTHROPIC_API_KEY")).contains("sk-ant-test-key");
        assertThat(store.get("GROQ_API_KEY")).isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).as("no temporary files left behind").containsExactly(file);
        }
    }

    @Test
    void removesSecrets() {
        FileSecretStore store = new FileSecretStore(dir.resolve("secrets.json"));
        store.put("GROQ_API_KEY", "test-groq-key");

        store.remove("GROQ_API_KEY");
        store.remove("NEVER_STORED");

        assertThat(store.get("GROQ_API_KEY")).isEmpty();
    }

    @Test
    void namesMustBeEnvironmentVariableNames() {
        FileSecretStore store = new FileSecretStore(dir.resolve("secrets.json"));

        assertThatThrownBy(() -> store.put("my key", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OPENAI_API_KEY");
        assertThatThrownBy(() -> store.put("OK_NAME", "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDamagedFileIsReportedWithoutQuotingIt() throws Exception {
        Path file = dir.resolve("secrets.json");
        Files.writeString(file, "{\"OPENAI_API_KEY\": \"test-openai-key\", broken");

        assertThatThrownBy(() -> new FileSecretStore(file).get("OPENAI_API_KEY"))
                .isInstanceOf(SecretStoreException.class)
                .hasMessageContaining(file.toString())
                .hasMessageNotContaining("test-openai-key");
    }

    @Test
    void theConfigsReferencesAreFilledFromTheStoreAndTheRealEnvironmentWins() {
        FileSecretStore store = new FileSecretStore(dir.resolve("secrets.json"));
        store.put("OPENAI_API_KEY", "test-openai-key");
        store.put("GROQ_API_KEY", "test-groq-key");
        store.put("UNREFERENCED", "not needed");
        String config = """
                model_list:
                  - model_name: gpt
                    litellm_params: {model: openai/gpt-4o, api_key: os.environ/OPENAI_API_KEY}
                  - model_name: llama
                    litellm_params: {model: groq/llama, api_key: "os.environ/GROQ_API_KEY"}
                """;

        Map<String, String> env = SecretEnvironment.of(Map.of("GROQ_API_KEY", "from-the-shell", "PATH", "/bin"),
                store, config);

        assertThat(env).containsEntry("OPENAI_API_KEY", "test-openai-key")
                .containsEntry("GROQ_API_KEY", "from-the-shell")
                .containsEntry("PATH", "/bin")
                .doesNotContainKey("UNREFERENCED");
    }

    @Test
    void itsDescriptionAndNameNeverShowASecret() {
        FileSecretStore store = new FileSecretStore(dir.resolve("secrets.json"));
        store.put("OPENAI_API_KEY", "test-openai-key");

        assertThat(store.toString() + store.description()).doesNotContain("test-openai-key");
    }
}
