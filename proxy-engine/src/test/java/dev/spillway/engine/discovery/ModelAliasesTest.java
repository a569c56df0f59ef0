package dev.spillway.engine.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.engine.config.ConfigLoader;
import dev.spillway.engine.config.SpillwayConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelAliasesTest {

    @Test
    void readsAnthropicAndBedrockNamesOfBothGenerations() {
        assertThat(ClaudeModelName.parse("claude-sonnet-4-5-20250929"))
                .contains(new ClaudeModelName("claude-sonnet-4-5-20250929", "sonnet", 4, 5, 20250929));
        assertThat(ClaudeModelName.parse("claude-3-5-haiku-20241022"))
                .contains(new ClaudeModelName("claude-3-5-haiku-20241022", "haiku", 3, 5, 20241022));
        assertThat(ClaudeModelName.parse("claude-opus-4-6"))
                .contains(new ClaudeModelName("claude-opus-4-6", "opus", 4, 6, 0));
        assertThat(ClaudeModelName.parse("us.anthropic.claude-opus-4-5-20251101-v1:0").orElseThrow().anthropicName())
                .isEqualTo("claude-opus-4-5-20251101");
        assertThat(ClaudeModelName.parse("anthropic.claude-3-5-sonnet-20240620-v1:0").orElseThrow().family())
                .isEqualTo("sonnet");
        assertThat(ClaudeModelName.parse("amazon.titan-text-express-v1")).isEmpty();
        assertThat(ClaudeModelName.parse("gpt-4o")).isEmpty();
    }

    @Test
    void picksTheNewestOfEachFamily() {
        Map<String, ClaudeModelName> newest = ModelAliases.newest(List.of("claude-3-7-sonnet-20250219",
                "claude-sonnet-4-5-20250929", "claude-sonnet-4-20250514", "claude-opus-4-1-20250805",
                "claude-opus-4-6", "claude-3-5-haiku-20241022"));

        assertThat(newest.get("sonnet").anthropicName()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(newest.get("opus").anthropicName()).isEqualTo("claude-opus-4-6");
        assertThat(newest.get("haiku").anthropicName()).isEqualTo("claude-3-5-haiku-20241022");
    }

    private static final String CONFIG = """
            # my models
            model_list:
              - model_name: claude-opus   # the big one
                litellm_params:
                  model: anthropic/claude-opus-4-1-20250805
              - model_name: claude-sonnet
                litellm_params: {model: "anthropic/claude-sonnet-4-5-20250929"}
              - model_name: claude-haiku
                litellm_params:
                  model: anthropic/claude-3-5-haiku-20241022
                  tags:
                    - cheap
              - model_name: bedrock/claude-opus
                litellm_params:
                  model: bedrock/us.anthropic.claude-opus-4-1-20250805-v1:0
              - model_name: bedrock/claude-haiku
                litellm_params:
                  model: bedrock/claude-3-5-haiku-20241022
              - model_name: my-pinned-opus
                litellm_params:
                  model: anthropic/claude-opus-4-1-20250805
            router_settings:
              num_retries: 2
            """;

    @Test
    void movesEachAliasToTheNewestAndLeavesEverythingElseAlone() {
        SpillwayConfig config = ConfigLoader.withEnvironment(Map.of()).parse(CONFIG, Optional.empty());
        List<String> anthropic = List.of("claude-opus-4-5-20251101", "claude-sonnet-4-5-20250929",
                "claude-haiku-4-5-20251001", "claude-opus-4-1-20250805");
        BedrockModelList.Available bedrock = new BedrockModelList.Available(
                List.of("anthropic.claude-opus-4-5-20251101-v1:0", "anthropic.claude-haiku-4-5-20251001-v1:0"),
                List.of("us.anthropic.claude-opus-4-5-20251101-v1:0", "us.anthropic.claude-haiku-4-5-20251001-v1:0"));

        List<ModelAliases.Change> changes = ModelAliases.changes(config.deployments(), Optional.of(anthropic),
                Optional.of(bedrock));

        assertThat(changes).containsExactly(
                new ModelAliases.Change("claude-opus", "anthropic/claude-opus-4-1-20250805",
                        "anthropic/claude-opus-4-5-20251101"),
                new ModelAliases.Change("claude-haiku", "anthropic/claude-3-5-haiku-20241022",
                        "anthropic/claude-haiku-4-5-20251001"),
                new ModelAliases.Change("bedrock/claude-opus", "bedrock/us.anthropic.claude-opus-4-1-20250805-v1:0",
                        "bedrock/us.anthropic.claude-opus-4-5-20251101-v1:0"),
                new ModelAliases.Change("bedrock/claude-haiku", "bedrock/claude-3-5-haiku-20241022",
                        "bedrock/claude-haiku-4-5-20251001"));
        assertThat(ModelAliases.apply(CONFIG, changes)).isEqualTo(CONFIG
                .replace("  model: anthropic/claude-opus-4-1-20250805\n  - model_name: claude-sonnet",
                        "  model: anthropic/claude-opus-4-5-20251101\n  - model_name: claude-sonnet")
                .replace("anthropic/claude-3-5-haiku-20241022", "anthropic/claude-haiku-4-5-20251001")
                .replace("bedrock/us.anthropic.claude-opus-4-1-20250805-v1:0",
                        "bedrock/us.anthropic.claude-opus-4-5-20251101-v1:0")
                .replace("bedrock/claude-3-5-haiku-20241022", "bedrock/claude-haiku-4-5-20251001"));
        assertThat(ModelAliases.apply(CONFIG, changes)).contains("""
                  - model_name: my-pinned-opus
                    litellm_params:
                      model: anthropic/claude-opus-4-1-20250805
                """);
    }

    @Test
    void neverMovesAnAliasToAnOlderModel() {
        SpillwayConfig config = ConfigLoader.withEnvironment(Map.of()).parse(CONFIG, Optional.empty());

        List<ModelAliases.Change> changes = ModelAliases.changes(config.deployments(),
                Optional.of(List.of("claude-3-opus-20240229", "claude-3-haiku-20240307")), Optional.empty());

        assertThat(changes).isEmpty();
    }
}
