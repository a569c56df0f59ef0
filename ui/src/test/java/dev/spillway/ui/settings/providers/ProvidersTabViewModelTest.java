package dev.spillway.ui.settings.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.engine.config.ConfigDocument;
import dev.spillway.engine.config.DeploymentConfig;
import dev.spillway.engine.config.SpillwayConfig;
import dev.spillway.ui.settings.SettingsStore;
import dev.spillway.ui.settings.TestSettings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProvidersTabViewModelTest {

    @TempDir
    Path dir;

    private SettingsStore store;
    private ProvidersTabViewModel tab;
    private ConfigDocument document;

    @BeforeEach
    void open() {
        store = TestSettings.in(dir);
        tab = new ProvidersTabViewModel(store.secrets(), Map.of());
        document = TestSettings.defaults();
        document.addDeployment("gpt-4o", "openai/gpt-4o");
        tab.setValues(document);
    }

    @Test
    void theDefaultPassesClaudeCodesLoginThrough() {
        assertThat(tab.useClaudeCodeLoginProperty().get()).isTrue();
        assertThat(tab.keyProperty(ProviderKind.OPENAI).get()).isEmpty();
        assertThat(tab.validate()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "OPENAI, 'sk-test openai key', 'no spaces'",
            "OPENAI, 'test-openai-key', 'OpenAI keys look like sk-'",
            "GROQ, 'sk-test-groq-key', 'Groq keys look like gsk_'",
            "OPENROUTER, 'sk-test', 'OpenRouter keys look like sk-or-'",
            "ANTHROPIC, 'gsk_test-key-123', 'Anthropic keys look like sk-ant-'",
    })
    void aMalformedKeyIsCaughtNextToItsField(ProviderKind kind, String key, String message) {
        tab.keyProperty(kind).set(key);

        assertThat(tab.validate()).isFalse();
        assertThat(tab.keyErrorProperty(kind).get()).contains(message);
    }

    @Test
    void anOwnAnthropicKeyIsRequiredWhenChosen() {
        tab.useClaudeCodeLoginProperty().set(false);

        assertThat(tab.validate()).isFalse();
        assertThat(tab.keyErrorProperty(ProviderKind.ANTHROPIC).get()).contains("Enter your Anthropic API key");
    }

    @Test
    void keysGoToTheKeyStoreAndTheConfigRefersToThem() {
        tab.keyProperty(ProviderKind.OPENAI).set("sk-test-openai-key");
        tab.useClaudeCodeLoginProperty().set(false);
        tab.keyProperty(ProviderKind.ANTHROPIC).set("sk-ant-test-key");
        assertThat(tab.validate()).isTrue();

        SpillwayConfig config = TestSettings.storeAndLoad(tab, document, store);

        assertThat(document.toYaml()).contains("api_key: os.environ/OPENAI_API_KEY")
                .contains("api_key: os.environ/ANTHROPIC_API_KEY")
                .doesNotContain("sk-test-openai-key").doesNotContain("sk-ant-test-key");
        assertThat(deployment(config, "gpt-4o").apiKey()).contains("sk-test-openai-key");
        assertThat(deployment(config, "claude-sonnet").apiKey()).contains("sk-ant-test-key");
        assertThat(deployment(config, "bedrock/claude-sonnet").apiKey()).isEmpty();
        assertThat(store.secrets().get("OPENAI_API_KEY")).contains("sk-test-openai-key");
    }

    @Test
    void goingBackToClaudeCodesLoginTakesTheKeyOffTheAnthropicGroups() {
        tab.useClaudeCodeLoginProperty().set(false);
        tab.keyProperty(ProviderKind.ANTHROPIC).set("sk-ant-test-key");
        tab.storeSettings(document);

        ProvidersTabViewModel reopened = new ProvidersTabViewModel(store.secrets(), Map.of());
        reopened.setValues(document);
        assertThat(reopened.useClaudeCodeLoginProperty().get()).isFalse();
        assertThat(reopened.keyProperty(ProviderKind.ANTHROPIC).get()).isEqualTo("sk-ant-test-key");
        reopened.useClaudeCodeLoginProperty().set(true);
        SpillwayConfig config = TestSettings.storeAndLoad(reopened, document, store);

        assertThat(deployment(config, "claude-sonnet").apiKey()).isEmpty();
    }

    @Test
    void aKeyWrittenIntoTheFileByHandMovesToTheKeyStore() {
        document.deployments().get(8).setParam("api_key", "sk-test-handwritten");
        tab.setValues(document);
        assertThat(tab.keyProperty(ProviderKind.OPENAI).get()).isEqualTo("sk-test-handwritten");

        tab.storeSettings(document);

        assertThat(document.toYaml()).doesNotContain("sk-test-handwritten");
        assertThat(store.secrets().get("OPENAI_API_KEY")).contains("sk-test-handwritten");
    }

    @Test
    void aKeyTheConfigTakesFromTheRealEnvironmentIsLeftThere() {
        document.deployments().get(8).setParam("api_key", "os.environ/MY_OPENAI");
        ProvidersTabViewModel withEnv = new ProvidersTabViewModel(store.secrets(), Map.of("MY_OPENAI", "sk-from-env"));
        withEnv.setValues(document);

        withEnv.storeSettings(document);

        assertThat(document.deployments().get(8).param("api_key")).contains("os.environ/MY_OPENAI");
        assertThat(store.secrets().get("OPENAI_API_KEY")).isEmpty();
    }

    private static DeploymentConfig deployment(SpillwayConfig config, String group) {
        return config.deployments().stream().filter(d -> d.modelName().equals(group)).findFirst().orElseThrow();
    }
}
