package dev.spillway.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DefaultConfigTest {

    private final SpillwayConfig config = ConfigLoader.withEnvironment(Map.of()).loadDefault();

    @Test
    void loadsWithoutWarnings() {
        assertThat(config.warnings()).isEmpty();
        assertThat(config.source()).isEmpty();
    }

    @Test
    void sendsClaudeModelsToAnthropicWithTheCallersCredential() {
        assertThat(config.deployments()).extracting(DeploymentConfig::modelName, DeploymentConfig::provider,
                        DeploymentConfig::model, DeploymentConfig::id)
                .startsWith(
                        tuple("claude-opus", "anthropic", "claude-opus-4-5-20251101",
                                "anthropic-opus"),
                        tuple("claude-sonnet", "anthropic", "claude-sonnet-4-5-20250929",
                                "anthropic-sonnet"),
                        tuple("claude-haiku", "anthropic", "claude-haiku-4-5-20251001",
                                "anthropic-haiku"),
                        tuple("claude-*", "anthropic", "*", "anthropic"));
        assertThat(config.deployments()).allSatisfy(d -> {
            assertThat(d.apiKey()).isEmpty();
            assertThat(d.apiBase()).isEmpty();
            assertThat(d.aws()).isEqualTo(AwsSettings.none());
            assertThat(d.extraParams()).isEmpty();
        });
    }

    @Test
    void hasTheSameModelsOnBedrockWithDefaultAwsSettings() {
        assertThat(config.deployments().subList(4, config.deployments().size()))
                .extracting(DeploymentConfig::modelName, DeploymentConfig::provider, DeploymentConfig::model,
                        DeploymentConfig::id)
                .containsExactly(
                        tuple("bedrock/claude-opus", "bedrock", "claude-opus-4-5-20251101",
                                "bedrock-opus"),
                        tuple("bedrock/claude-sonnet", "bedrock",
                                "claude-sonnet-4-5-20250929", "bedrock-sonnet"),
                        tuple("bedrock/claude-haiku", "bedrock", "claude-haiku-4-5-20251001",
                                "bedrock-haiku"),
                        tuple("bedrock/claude-*", "bedrock", "*", "bedrock"));
    }

    @Test
    void fallsBackFromEachAnthropicGroupToItsBedrockTwin() {
        RouterSettings router = config.router();
        assertThat(router.fallbacks()).isEqualTo(Map.of(
                "claude-opus", List.of("bedrock/claude-opus"),
                "claude-sonnet", List.of("bedrock/claude-sonnet"),
                "claude-haiku", List.of("bedrock/claude-haiku"),
                "claude-*", List.of("bedrock/claude-*")));
        assertThat(router.cooldownTime()).isEqualTo(Duration.ofSeconds(60));
        assertThat(router.numRetries()).isEqualTo(2);
        assertThat(router.allowedFails()).isZero();
        assertThat(router.timeout()).isEqualTo(RouterSettings.defaults().timeout());
        assertThat(router.retryPolicy()).isEmpty();
        assertThat(config.general()).isEqualTo(GeneralSettings.defaults());
    }

    @Test
    void ignoresTheEnvironment() {
        SpillwayConfig withEnv = ConfigLoader.withEnvironment(Map.of("ANTHROPIC_API_KEY", "sk-x")).loadDefault();
        assertThat(withEnv).isEqualTo(config);
    }

    @Test
    void theTextUsersCopyIsTheConfigThatIsLoaded() {
        String text = ConfigLoader.defaultConfigText();
        assertThat(text).contains("aws_profile_name", "aws_region_name", "bedrock_model_ids");
        assertThat(ConfigLoader.withEnvironment(Map.of()).parse(text, Optional.empty()).deployments())
                .isEqualTo(config.deployments());
    }

    @Test
    void theCommentedBedrockExampleIsValidWhenUncommented() {
        String example = """
                model_list:
                  - model_name: bedrock/claude-sonnet
                    litellm_params:
                      model: bedrock/claude-sonnet-4-5-20250929
                """ + uncommentedExample();
        SpillwayConfig parsed = TestConfigs.parse(example);
        DeploymentConfig d = parsed.deployments().get(0);
        assertThat(parsed.warnings()).isEmpty();
        assertThat(d.aws().profile()).contains("work");
        assertThat(d.aws().region()).contains("us-east-1");
        assertThat(d.bedrockModelIds()).containsEntry("claude-sonnet-4-5-20250929",
                "us.anthropic.claude-sonnet-4-5-20250929-v1:0");
    }

    /** The commented litellm_params lines of the Bedrock section, uncommented and indented under litellm_params. */
    private static String uncommentedExample() {
        StringBuilder lines = new StringBuilder();
        boolean inExample = false;
        for (String line : ConfigLoader.defaultConfigText().split("\n")) {
            if (line.startsWith("  #     aws_profile_name")) {
                inExample = true;
            }
            if (inExample) {
                if (!line.startsWith("  #     ")) {
                    break;
                }
                lines.append("      ").append(line.substring("  #     ".length()).replaceAll("\\s+#.*$", ""))
                        .append('\n');
            }
        }
        return lines.toString();
    }
}
