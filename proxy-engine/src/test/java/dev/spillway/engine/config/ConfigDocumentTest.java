package dev.spillway.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edits to a user's config file keep everything the edit did not touch, and the result still loads. */
class ConfigDocumentTest {

    private static final String USERS_FILE = """
            # my gateway
            model_list:
              # Anthropic first
              - model_name: claude-sonnet
                litellm_params:
                  model: anthropic/claude-sonnet-4-5-20250929
                  timeout: 300     # long prompts
              - model_name: bedrock/claude-sonnet
                litellm_params: {model: bedrock/claude-sonnet-4-5-20250929}
            router_settings:
              fallbacks: [{"claude-sonnet": ["bedrock/claude-sonnet"]}]
              cooldown_time: 60   # seconds
            litellm_settings:
              drop_params: true
            """;

    @TempDir
    Path dir;

    private static SpillwayConfig load(ConfigDocument doc) {
        return ConfigLoader.withEnvironment(Map.of("OPENAI_API_KEY", "test-openai-key"))
                .parse(doc.toYaml(), Optional.empty());
    }

    @Test
    void anUntouchedDocumentKeepsItsKeysOrderAndComments() {
        String yaml = ConfigDocument.parse(USERS_FILE).toYaml();

        assertThat(yaml).contains("# my gateway", "# Anthropic first", "timeout: 300 # long prompts",
                "cooldown_time: 60 # seconds", "drop_params: true");
        assertThat(yaml.indexOf("model_list")).isLessThan(yaml.indexOf("router_settings"));
        assertThat(yaml.indexOf("router_settings")).isLessThan(yaml.indexOf("litellm_settings"));
        assertThat(yaml).contains("    # Anthropic first\n  - model_name: claude-sonnet");
    }

    @Test
    void setsValuesInPlaceAndAddsNewSectionsAtTheEnd() {
        ConfigDocument doc = ConfigDocument.parse(USERS_FILE);

        doc.set(120, "router_settings", "cooldown_time");
        doc.set(47001, "spillway_settings", "port");
        doc.set(false, "spillway_settings", "notifications");
        doc.set("os.environ/SPILLWAY_MASTER_KEY", "general_settings", "master_key");

        String yaml = doc.toYaml();
        assertThat(yaml).contains("cooldown_time: 120 # seconds");
        assertThat(doc.get("spillway_settings", "port")).contains("47001");
        SpillwayConfig config = ConfigLoader.withEnvironment(Map.of("SPILLWAY_MASTER_KEY", "test-master"))
                .parse(yaml, Optional.empty());
        assertThat(config.router().cooldownTime().toSeconds()).isEqualTo(120);
        assertThat(config.app().port()).contains(47001);
        assertThat(config.app().notifications()).isFalse();
        assertThat(config.general().masterKey()).contains("test-master");
        assertThat(config.warnings()).allSatisfy(w -> assertThat(w).contains("drop_params"));
    }

    @Test
    void removesKeysAndTheSectionsThatLeavesEmpty() {
        ConfigDocument doc = ConfigDocument.parse(USERS_FILE);
        doc.set(1, "spillway_settings", "port");

        doc.remove("spillway_settings", "port");
        doc.remove("litellm_settings", "drop_params");
        doc.remove("general_settings", "master_key");

        assertThat(doc.toYaml()).doesNotContain("spillway_settings").doesNotContain("litellm_settings")
                .contains("router_settings");
    }

    @Test
    void editsDeploymentsAndGroups() {
        ConfigDocument doc = ConfigDocument.parse(USERS_FILE);

        doc.addDeployment("gpt-4o", "openai/gpt-4o").setParam("api_key", "os.environ/OPENAI_API_KEY");
        doc.deployments().stream().filter(d -> d.provider().equals("bedrock"))
                .forEach(d -> d.setParam("aws_region_name", "eu-west-1"));
        doc.deployments().get(0).removeParam("timeout");

        SpillwayConfig config = load(doc);
        assertThat(doc.groups()).containsExactly("claude-sonnet", "bedrock/claude-sonnet", "gpt-4o");
        assertThat(config.deployments()).extracting(DeploymentConfig::modelName)
                .containsExactly("claude-sonnet", "bedrock/claude-sonnet", "gpt-4o");
        assertThat(config.deployments().get(2).apiKey()).contains("test-openai-key");
        assertThat(doc.deployments().get(1).param("aws_region_name")).contains("eu-west-1");
        assertThat(doc.deployments().get(0).param("timeout")).isEmpty();
    }

    @Test
    void editsFallbacksInTheirOrder() {
        ConfigDocument doc = ConfigDocument.parse(USERS_FILE);
        doc.addDeployment("gpt-4o", "openai/gpt-4o");

        doc.setFallbacks("claude-sonnet", List.of("gpt-4o", "bedrock/claude-sonnet"));
        doc.setFallbacks("gpt-4o", List.of("claude-sonnet"));

        assertThat(doc.fallbacks()).containsExactly(
                Map.entry("claude-sonnet", List.of("gpt-4o", "bedrock/claude-sonnet")),
                Map.entry("gpt-4o", List.of("claude-sonnet")));
        assertThat(load(doc).router().fallbacks()).containsEntry("claude-sonnet",
                List.of("gpt-4o", "bedrock/claude-sonnet"));

        doc.removeGroup("gpt-4o");
        assertThat(doc.fallbacks()).containsExactly(Map.entry("claude-sonnet", List.of("bedrock/claude-sonnet")));
        assertThat(doc.groups()).doesNotContain("gpt-4o");
    }

    @Test
    void valuesThatPlainYamlWouldMisreadAreQuoted() {
        ConfigDocument doc = ConfigDocument.parse(USERS_FILE);
        doc.addDeployment("claude-*", "anthropic/*").setParam("api_base", "http://127.0.0.1:1234");
        doc.set("yes", "spillway_settings", "host");
        doc.set("47000", "router_settings", "note");

        ConfigDocument reread = ConfigDocument.parse(doc.toYaml());
        assertThat(reread.groups()).contains("claude-*");
        assertThat(reread.deployments().get(2).param("api_base")).contains("http://127.0.0.1:1234");
        assertThat(load(reread).app().host()).contains("yes");
        assertThat(doc.toYaml()).contains("\"47000\"");
    }

    @Test
    void theBuiltInDefaultCanBeEditedAndStillLoads() {
        ConfigDocument doc = ConfigDocument.readOrDefault(dir.resolve("missing.yaml"));
        doc.set(90, "router_settings", "cooldown_time");

        SpillwayConfig config = load(doc);

        assertThat(config.deployments()).hasSize(8);
        assertThat(config.router().fallbacks()).containsEntry("claude-sonnet", List.of("bedrock/claude-sonnet"));
        assertThat(doc.toYaml()).contains("# ---- AWS Bedrock (fallback)");
    }

    @Test
    void writesAtomicallyLeavingNoTemporaryFiles() throws Exception {
        Path file = dir.resolve("nested").resolve("config.yaml");
        ConfigDocument doc = ConfigDocument.parse(USERS_FILE);
        doc.set(2, "router_settings", "num_retries");

        doc.writeTo(file);
        doc.set(3, "router_settings", "num_retries");
        doc.writeTo(file);

        assertThat(ConfigDocument.read(file).get("router_settings", "num_retries")).contains("3");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void brokenYamlIsReportedByLineWithoutQuotingIt() {
        assertThatThrownBy(() -> ConfigDocument.parse("model_list:\n  - model_name: [sk-ant-test-key\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("line")
                .hasMessageNotContaining("sk-ant-test-key");
    }
}
