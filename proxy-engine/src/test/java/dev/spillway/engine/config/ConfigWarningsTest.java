package dev.spillway.engine.config;

import static dev.spillway.engine.config.TestConfigs.minimalWith;
import static dev.spillway.engine.config.TestConfigs.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Keys Spillway does not use are ignored, with exactly one warning each naming the key path. */
class ConfigWarningsTest {

    @Test
    void unknownKeysEverywhereGetOneWarningEach() {
        SpillwayConfig config = parse("""
                model_lists: []
                model_list:
                  - model_name: claude-sonnet
                    deployment_name: x
                    litellm_params:
                      model: anthropic/claude-sonnet-4-5
                      api_kye: os.environ/NOT_SET_ANYWHERE
                      frobnicate: true
                    model_info:
                      id: a
                      colour: blue
                router_settings:
                  num_retires: 2
                  retry_policy:
                    RateLimitErrorRetrys: 1
                    TeapotErrorRetries: 1
                litellm_settings:
                  foo: bar
                general_settings:
                  bar: baz
                """);

        assertThat(config.warnings()).containsExactly(
                "config.yaml: model_lists: unknown key; ignored (did you mean model_list?)",
                "config.yaml: model_list[0].deployment_name: unknown key; ignored",
                "config.yaml: model_list[0].litellm_params.api_kye: unknown key; ignored (did you mean api_key?)",
                "config.yaml: model_list[0].litellm_params.frobnicate: unknown key; ignored",
                "config.yaml: model_list[0].model_info.colour: unknown key; ignored",
                "config.yaml: router_settings.num_retires: unknown key; ignored (did you mean num_retries?)",
                "config.yaml: router_settings.retry_policy.RateLimitErrorRetrys: unknown key; ignored "
                        + "(did you mean RateLimitErrorRetries?)",
                "config.yaml: router_settings.retry_policy.TeapotErrorRetries: unknown key; ignored",
                "config.yaml: litellm_settings.foo: unknown key; ignored",
                "config.yaml: general_settings.bar: unknown key; ignored");
        assertThat(config.deployments().get(0).apiKey()).as("misspelt keys are not read").isEmpty();
        assertThat(config.deployments().get(0).extraParams()).isEmpty();
        assertThat(config.router().retryPolicy()).isEmpty();
    }

    @Test
    void liteLlmKeysSpillwayDoesNotImplementAreWarnedAsNotSupported() {
        SpillwayConfig config = parse("""
                credential_list: []
                model_list:
                  - model_name: claude-sonnet
                    litellm_params:
                      model: bedrock/claude-sonnet-4-5
                      aws_role_name: os.environ/ROLE_NOT_SET
                    model_info:
                      access_groups: [beta]
                      supports_vision: true
                router_settings:
                  routing_strategy: latency-based-routing
                  model_group_alias: {gpt-4: claude-sonnet}
                  default_fallbacks: [claude-sonnet]
                  enable_pre_call_checks: true
                  redis_host: os.environ/REDIS_HOST
                  redis_password: hunter2
                litellm_settings:
                  drop_params: true
                  callbacks: [prometheus]
                  cache: true
                  set_verbose: false
                general_settings:
                  database_url: os.environ/DATABASE_URL
                  alerting: [slack]
                """);

        assertThat(config.warnings()).containsExactly(
                "config.yaml: credential_list: not supported by Spillway yet; ignored",
                "config.yaml: model_list[0].litellm_params.aws_role_name: not supported by Spillway yet; ignored",
                "config.yaml: model_list[0].model_info.access_groups: not supported by Spillway yet; ignored",
                "config.yaml: model_list[0].model_info.supports_vision: not supported by Spillway yet; ignored",
                "config.yaml: router_settings.model_group_alias: not supported by Spillway yet; ignored",
                "config.yaml: router_settings.default_fallbacks: not supported by Spillway yet; ignored",
                "config.yaml: router_settings.enable_pre_call_checks: not supported by Spillway yet; ignored",
                "config.yaml: router_settings.redis_host: not supported by Spillway yet; ignored",
                "config.yaml: router_settings.redis_password: not supported by Spillway yet; ignored",
                "config.yaml: litellm_settings.drop_params: not supported by Spillway yet; ignored",
                "config.yaml: litellm_settings.callbacks: not supported by Spillway yet; ignored",
                "config.yaml: litellm_settings.set_verbose: not supported by Spillway yet; ignored",
                "config.yaml: general_settings.alerting: not supported by Spillway yet; ignored",
                "config.yaml: general_settings.database_url: its environment variable is not set; ignored (Spillway keeps "
                        + "spend in its data directory)");
        assertThat(String.join("\n", config.warnings())).doesNotContain("hunter2");
    }

    @Test
    void legalPerDeploymentParametersPassThroughWithoutWarning() {
        SpillwayConfig config = parse("""
                model_list:
                  - model_name: claude-sonnet
                    litellm_params:
                      model: anthropic/claude-sonnet-4-5
                      rpm: 100
                      tpm: 10000
                      weight: 2
                      order: 1
                      stream_timeout: 30.5
                      max_tokens: 4096
                      max_parallel_requests: 4
                      cooldown_time: 0
                      max_retries:
                      extra_headers: {anthropic-beta: "context-1m-2025-08-07"}
                    model_info:
                      id: x
                      mode: chat
                      base_model: claude-sonnet-4-5
                      input_cost_per_token: 0.000003
                      output_cost_per_token: 0.000015
                      cache_read_input_token_cost: 0.0000003
                      cache_creation_input_token_cost: 0.00000375
                      max_tokens: 64000
                      max_input_tokens: 200000
                      description: main
                """);

        assertThat(config.warnings()).isEmpty();
        assertThat(config.deployments().get(0).extraParams()).as("empty values are left out").containsExactlyInAnyOrderEntriesOf(Map.of(
                "rpm", 100, "tpm", 10000, "weight", 2, "order", 1, "stream_timeout", 30.5, "max_tokens", 4096,
                "max_parallel_requests", 4, "cooldown_time", 0,
                "extra_headers", Map.of("anthropic-beta", "context-1m-2025-08-07")));
    }

    @Test
    void awsKeysOnAnAnthropicDeploymentAreWarnedButPassedOnForOtherProviders() {
        SpillwayConfig config = parse("""
                model_list:
                  - model_name: a
                    litellm_params: {model: anthropic/claude-x, aws_region_name: us-east-1}
                  - model_name: b
                    litellm_params: {model: sagemaker/endpoint-1, aws_region_name: us-east-1}
                """);

        assertThat(config.warnings()).containsExactly(
                "config.yaml: model_list[0].litellm_params.aws_region_name: used only by bedrock/ deployments; ignored");
        assertThat(config.deployments().get(0).aws()).isEqualTo(AwsSettings.none());
        assertThat(config.deployments().get(1).aws()).isEqualTo(AwsSettings.none());
        assertThat(config.deployments().get(1).extraParams()).isEqualTo(Map.of("aws_region_name", "us-east-1"));
    }

    @Test
    void bothBedrockEndpointsWarnAndApiBaseWins() {
        SpillwayConfig config = parse("""
                model_list:
                  - model_name: b
                    litellm_params:
                      model: bedrock/claude-x
                      api_base: https://one.example
                      aws_bedrock_runtime_endpoint: https://two.example
                """);

        assertThat(config.deployments().get(0).apiBase()).hasValueSatisfying(
                uri -> assertThat(uri).hasToString("https://one.example"));
        assertThat(config.warnings()).containsExactly("config.yaml: model_list[0].litellm_params."
                + "aws_bedrock_runtime_endpoint: ignored because api_base is also set (they are the same setting "
                + "for Bedrock)");
    }

    @Test
    void litellmFallbacksAreOverriddenByRouterFallbacksWithAWarning() {
        SpillwayConfig config = parse(minimalWith("""
                  - model_name: other
                    litellm_params: {model: anthropic/claude-other}
                router_settings:
                  fallbacks: [{claude-sonnet: [other]}]
                litellm_settings:
                  fallbacks: [{other: [claude-sonnet]}]
                """));

        assertThat(config.router().fallbacks()).containsOnlyKeys("claude-sonnet");
        assertThat(config.warnings()).containsExactly(
                "config.yaml: litellm_settings.fallbacks: ignored because router_settings.fallbacks is set");
    }

    @Test
    void warningsAreNotRepeatedAcrossLoads() {
        ConfigLoader loader = ConfigLoader.withEnvironment(Map.of());
        String yaml = TestConfigs.MINIMAL + "router_settings: {enable_pre_call_checks: true}\n";

        loader.parse(yaml, Optional.empty());
        SpillwayConfig second = loader.parse(yaml, Optional.empty());

        assertThat(second.warnings()).containsExactly(
                "config text: router_settings.enable_pre_call_checks: not supported by Spillway yet; ignored");
    }
}
