package dev.spillway.engine.config;

import static dev.spillway.engine.config.TestConfigs.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeploymentLoadingTest {

    private static DeploymentConfig only(String litellmParams) {
        SpillwayConfig config = parse("model_list:\n  - model_name: m\n    litellm_params: " + litellmParams + "\n");
        assertThat(config.deployments()).hasSize(1);
        return config.deployments().get(0);
    }

    @ParameterizedTest
    @CsvSource({
        "anthropic/claude-sonnet-4-5,                 anthropic,  claude-sonnet-4-5",
        "Anthropic/claude-sonnet-4-5,                 anthropic,  claude-sonnet-4-5",
        "anthropic/*,                                 anthropic,  *",
        "bedrock/us.anthropic.claude-sonnet-4-5-v1:0, bedrock,    us.anthropic.claude-sonnet-4-5-v1:0",
        "bedrock/invoke/anthropic.claude-3-haiku,     bedrock,    anthropic.claude-3-haiku",
        "bedrock/arn:aws:bedrock:us-east-1:123:application-inference-profile/abc, bedrock, arn:aws:bedrock:us-east-1:123:application-inference-profile/abc",
        "openai/gpt-4o,                               openai,     gpt-4o",
        "openrouter/qwen/qwen3-coder,                 openrouter, qwen/qwen3-coder",
        "groq/llama-3.3-70b-versatile,                groq,       llama-3.3-70b-versatile",
        "deepseek/deepseek-chat,                      deepseek,   deepseek-chat",
        "ollama/llama3,                               ollama,     llama3",
        "hosted_vllm/facebook/opt-125m,               hosted_vllm, facebook/opt-125m",
    })
    void splitsProviderAndModel(String model, String provider, String rest) {
        DeploymentConfig d = only("{model: \"" + model + "\"}");
        assertThat(d.provider()).isEqualTo(provider);
        assertThat(d.model()).isEqualTo(rest);
    }

    @Test
    void customLlmProviderStandsInForThePrefix() {
        DeploymentConfig d = only("{model: facebook/opt-125m, custom_llm_provider: openai}");
        assertThat(d.provider()).isEqualTo("openai");
        assertThat(d.model()).isEqualTo("facebook/opt-125m");

        DeploymentConfig prefixed = only("{model: anthropic/claude-x, custom_llm_provider: anthropic}");
        assertThat(prefixed.model()).isEqualTo("claude-x");
    }

    @Test
    void optionalFieldsAreEmptyWhenAbsent() {
        DeploymentConfig d = only("{model: anthropic/claude-x}");
        assertThat(d.apiKey()).isEmpty();
        assertThat(d.apiBase()).isEmpty();
        assertThat(d.timeout()).isEmpty();
        assertThat(d.aws()).isEqualTo(AwsSettings.none());
        assertThat(d.bedrockModelIds()).isEmpty();
        assertThat(d.extraParams()).isEmpty();
    }

    @Test
    void nullAndEmptyValuesCountAsNotSet() {
        DeploymentConfig d = only("{model: bedrock/claude-x, api_key: , api_base: '', aws_profile_name: null, timeout: }");
        assertThat(d.apiKey()).isEmpty();
        assertThat(d.apiBase()).isEmpty();
        assertThat(d.aws().profile()).isEmpty();
        assertThat(d.timeout()).isEmpty();
    }

    @Test
    void bedrockRuntimeEndpointIsTheApiBase() {
        DeploymentConfig d = only("{model: bedrock/claude-x, aws_bedrock_runtime_endpoint: 'http://localhost:4566'}");
        assertThat(d.apiBase()).hasValueSatisfying(uri -> assertThat(uri).hasToString("http://localhost:4566"));
    }

    @Test
    void bedrockWithStaticKeysAndSessionToken() {
        DeploymentConfig d = only("{model: bedrock/claude-x, aws_access_key_id: AKIA1, aws_secret_access_key: s3cr3t, "
                + "aws_session_token: tok, aws_region_name: eu-west-3}");
        assertThat(d.aws().accessKeyId()).contains("AKIA1");
        assertThat(d.aws().secretAccessKey()).contains("s3cr3t");
        assertThat(d.aws().sessionToken()).contains("tok");
        assertThat(d.aws().region()).contains("eu-west-3");
        assertThat(d.aws().toString()).doesNotContain("s3cr3t").doesNotContain("tok");
    }

    @Test
    void numbersAreAcceptedAsStrings() {
        DeploymentConfig d = only("{model: anthropic/claude-x, api_key: 12345, timeout: '15'}");
        assertThat(d.apiKey()).contains("12345");
        assertThat(d.timeout()).contains(Duration.ofSeconds(15));
    }

    @Test
    void derivedIdsAreStableHexAndUniqueAmongIdenticalDeployments() {
        SpillwayConfig config = parse("""
                model_list:
                  - {model_name: m, litellm_params: {model: anthropic/claude-x, api_key: one}}
                  - {model_name: m, litellm_params: {model: anthropic/claude-x, api_key: two}}
                  - {model_name: m, litellm_params: {model: anthropic/claude-y}}
                """);

        List<String> ids = config.deployments().stream().map(DeploymentConfig::id).toList();
        assertThat(ids.get(0)).matches("[0-9a-f]{12}");
        assertThat(ids.get(1)).isEqualTo(ids.get(0) + "-2");
        assertThat(ids.get(2)).matches("[0-9a-f]{12}").isNotEqualTo(ids.get(0));
        assertThat(ids.get(0)).as("the key is not part of the id").isEqualTo(
                parse("model_list: [{model_name: m, litellm_params: {model: anthropic/claude-x}}]")
                        .deployments().get(0).id());
    }

    @Test
    void derivedIdsDependOnGroupModelAndApiBase() {
        String base = parse("model_list: [{model_name: m, litellm_params: {model: anthropic/x}}]")
                .deployments().get(0).id();
        assertThat(parse("model_list: [{model_name: n, litellm_params: {model: anthropic/x}}]").deployments().get(0).id())
                .isNotEqualTo(base);
        assertThat(parse("model_list: [{model_name: m, litellm_params: {model: anthropic/x, api_base: 'http://h'}}]")
                .deployments().get(0).id()).isNotEqualTo(base);
    }

    @Test
    void derivedIdsAvoidExplicitOnes() {
        String derived = parse("model_list: [{model_name: m, litellm_params: {model: anthropic/x}}]")
                .deployments().get(0).id();
        SpillwayConfig config = parse("""
                model_list:
                  - {model_name: m, litellm_params: {model: anthropic/x}}
                  - {model_name: z, litellm_params: {model: anthropic/z}, model_info: {id: %s}}
                """.formatted(derived));

        assertThat(config.deployments()).extracting(DeploymentConfig::id).containsExactly(derived + "-2", derived);
    }

    @Test
    void bedrockModelIdsKeepTheirMapping() {
        SpillwayConfig config = parse("""
                model_list:
                  - model_name: m
                    litellm_params:
                      model: bedrock/claude-x
                      bedrock_model_ids:
                        claude-x: "eu.anthropic.claude-x-v1:0"
                        claude-y: os.environ/CLAUDE_Y_ID
                """, Map.of("CLAUDE_Y_ID", "apac.anthropic.claude-y-v1:0"));
        assertThat(config.deployments().get(0).bedrockModelIds()).isEqualTo(
                Map.of("claude-x", "eu.anthropic.claude-x-v1:0", "claude-y", "apac.anthropic.claude-y-v1:0"));
    }

    @Test
    void toStringNeverShowsTheKey() {
        assertThat(only("{model: anthropic/claude-x, api_key: sk-ant-very-secret}").toString())
                .doesNotContain("sk-ant-very-secret");
    }
}
