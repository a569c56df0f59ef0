package dev.spillway.engine.config;

import static dev.spillway.engine.config.TestConfigs.errorOf;
import static dev.spillway.engine.config.TestConfigs.minimalWith;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every kind of error names the file, the key path, what was expected and what was found. */
class ConfigErrorsTest {

    /** A model_list whose third deployment has {@code param: value} in its litellm_params. */
    private static String thirdDeploymentWith(String paramLines) {
        return """
                model_list:
                  - model_name: claude-sonnet
                    litellm_params: {model: anthropic/claude-sonnet-4-5}
                  - model_name: claude-sonnet
                    litellm_params: {model: bedrock/claude-sonnet-4-5}
                  - model_name: claude-haiku
                    litellm_params:
                      model: anthropic/claude-haiku-4-5
                """ + paramLines.indent(6);
    }

    @Test
    void nonNumericTimeout() {
        assertThat(errorOf(thirdDeploymentWith("timeout: abc")))
                .isEqualTo("config.yaml: model_list[2].litellm_params.timeout: expected a number of seconds, "
                        + "found \"abc\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "timeout: -1        | model_list[2].litellm_params.timeout: expected a number of seconds greater than 0, found -1",
        "timeout: 0         | model_list[2].litellm_params.timeout: expected a number of seconds greater than 0, found 0",
        "timeout: 0.0000000001 | model_list[2].litellm_params.timeout: expected a number of seconds greater than 0, found 1.0E-10",
        "timeout: [1]       | model_list[2].litellm_params.timeout: expected a number of seconds, found a list",
        "timeout: true      | model_list[2].litellm_params.timeout: expected a number of seconds, found true",
        "api_base: vllm:8000 | model_list[2].litellm_params.api_base: expected an absolute http:// or https:// URL, found \"vllm:8000\"",
        "api_base: /v1      | model_list[2].litellm_params.api_base: expected an absolute http:// or https:// URL, found \"/v1\"",
        "api_base: {a: 1}   | model_list[2].litellm_params.api_base: expected a string, found a map",
    })
    void wrongTypesNameTheirPath(String line, String expected) {
        assertThat(errorOf(thirdDeploymentWith(line))).isEqualTo("config.yaml: " + expected);
    }

    @Test
    void unsetEnvironmentVariable() {
        String yaml = """
                model_list:
                  - model_name: claude-sonnet
                    litellm_params:
                      model: anthropic/claude-sonnet-4-5
                      api_key: os.environ/ANTHROPIC_API_KEY
                """;
        assertThat(errorOf(yaml)).isEqualTo("config.yaml: model_list[0].litellm_params.api_key: environment variable "
                + "ANTHROPIC_API_KEY is not set (referenced as os.environ/ANTHROPIC_API_KEY)");
    }

    @Test
    void emptyEnvironmentVariable() {
        assertThat(errorOf(thirdDeploymentWith("api_key: os.environ/KEY"), Map.of("KEY", "")))
                .isEqualTo("config.yaml: model_list[2].litellm_params.api_key: environment variable KEY is empty "
                        + "(referenced as os.environ/KEY)");
    }

    @Test
    void environmentReferenceWithoutAName() {
        assertThat(errorOf(thirdDeploymentWith("api_key: os.environ/")))
                .isEqualTo("config.yaml: model_list[2].litellm_params.api_key: os.environ/ must be followed by the "
                        + "name of an environment variable");
    }

    @Test
    void environmentValueOfTheWrongTypeIsNotShown() {
        assertThat(errorOf(thirdDeploymentWith("timeout: os.environ/T"), Map.of("T", "soon")))
                .isEqualTo("config.yaml: model_list[2].litellm_params.timeout: expected a number of seconds, "
                        + "found the value of os.environ/T (not shown)");
    }

    @Test
    void modelWithoutProviderPrefix() {
        assertThat(errorOf("model_list:\n  - model_name: x\n    litellm_params:\n      model: claude-sonnet-4-5\n"))
                .isEqualTo("config.yaml: model_list[0].litellm_params.model: expected provider/model, e.g. "
                        + "anthropic/claude-sonnet-4-5-20250929, found \"claude-sonnet-4-5\"; add a provider prefix: "
                        + "anthropic/claude-sonnet-4-5 for Anthropic's API or bedrock/claude-sonnet-4-5 for AWS Bedrock");
    }

    @Test
    void bedrockConverseRouteIsNotSupported() {
        assertThat(errorOf(thirdDeploymentWith("model: bedrock/converse/anthropic.claude-3")
                .replace("      model: anthropic/claude-haiku-4-5\n", "")))
                .isEqualTo("config.yaml: model_list[2].litellm_params.model: bedrock/converse/ models are not "
                        + "supported by Spillway; write bedrock/anthropic.claude-3 instead");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "model: anthropic/     | model_list[0].litellm_params.model: expected provider/model, e.g. anthropic/claude-sonnet-4-5-20250929, found \"anthropic/\" with no model after the prefix",
        "model: bedrock/invoke/ | model_list[0].litellm_params.model: expected provider/model, e.g. anthropic/claude-sonnet-4-5-20250929, found \"bedrock/invoke/\" with no model after the prefix",
        "model: ''             | model_list[0].litellm_params.model: is empty; expected provider/model, e.g. anthropic/claude-sonnet-4-5-20250929",
        "model:                | model_list[0].litellm_params.model: is empty; expected provider/model, e.g. anthropic/claude-sonnet-4-5-20250929",
        "api_key: x            | model_list[0].litellm_params.model: is missing; expected provider/model, e.g. anthropic/claude-sonnet-4-5-20250929",
        "model: '/gpt-4o'      | model_list[0].litellm_params.model: expected provider/model, e.g. anthropic/claude-sonnet-4-5-20250929, found \"/gpt-4o\"",
    })
    void badModels(String line, String expected) {
        assertThat(errorOf("model_list:\n  - model_name: x\n    litellm_params:\n      " + line + "\n"))
                .isEqualTo("config.yaml: " + expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'model_list: claude'                           | model_list: expected a list of deployments (model_name + litellm_params), found \"claude\"",
        "'model_list: []'                               | model_list: is empty; add at least one deployment, e.g. {model_name: claude-sonnet, litellm_params: {model: anthropic/claude-sonnet-4-5-20250929}}",
        "'model_list: [claude]'                         | model_list[0]: expected a map with model_name and litellm_params, found \"claude\"",
        "'model_list: [{litellm_params: {model: a/b}}]' | model_list[0].model_name: is missing; expected the model group name clients send, e.g. claude-sonnet",
        "'model_list: [{model_name: [a], litellm_params: {model: a/b}}]' | model_list[0].model_name: expected a string, found a list",
        "'model_list: [{model_name: a}]'                | model_list[0].litellm_params: is missing; expected a map of parameters with at least model, e.g. {model: anthropic/claude-sonnet-4-5-20250929}",
        "'model_list: [{model_name: a, litellm_params: anthropic/x}]' | model_list[0].litellm_params: expected a map of parameters with at least model, e.g. {model: anthropic/claude-sonnet-4-5-20250929}, found \"anthropic/x\"",
        "'model_list: [{model_name: a, litellm_params: {model: a/b}, model_info: [x]}]' | model_list[0].model_info: expected a map such as {id: my-deployment}, found a list",
        "'[1, 2]'                                       | expected a map of settings at the top level (model_list, router_settings, ...), found a list",
    })
    void structuralErrors(String yaml, String expected) {
        assertThat(errorOf(yaml)).isEqualTo("config.yaml: " + expected);
    }

    @Test
    void duplicateExplicitIds() {
        String yaml = """
                model_list:
                  - model_name: a
                    litellm_params: {model: anthropic/x}
                    model_info: {id: same}
                  - model_name: b
                    litellm_params: {model: anthropic/y}
                    model_info: {id: same}
                """;
        assertThat(errorOf(yaml)).isEqualTo("config.yaml: model_list[1].model_info.id: duplicate id \"same\", already "
                + "used at model_list[0].model_info.id; every deployment needs its own id");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "aws_region_name: US East   | model_list[0].litellm_params.aws_region_name: expected an AWS region name such as us-east-1, found \"US East\"",
        "aws_access_key_id: AKIAX   | model_list[0].litellm_params.aws_secret_access_key: is missing; aws_access_key_id is set, and static AWS keys need both aws_access_key_id and aws_secret_access_key",
        "aws_session_token: tok     | model_list[0].litellm_params.aws_session_token: needs aws_access_key_id and aws_secret_access_key as well; set all three or none",
        "bedrock_model_ids: [a]     | model_list[0].litellm_params.bedrock_model_ids: expected a map of Anthropic model name to Bedrock model id, e.g. claude-sonnet-4-5-20250929: us.anthropic.claude-sonnet-4-5-20250929-v1:0, found a list",
        "'bedrock_model_ids: {claude-x: }' | model_list[0].litellm_params.bedrock_model_ids.claude-x: is empty; expected a Bedrock model or inference profile id",
        "aws_bedrock_runtime_endpoint: bedrock.local | model_list[0].litellm_params.aws_bedrock_runtime_endpoint: expected an absolute http:// or https:// URL, found \"bedrock.local\"",
    })
    void bedrockErrors(String line, String expected) {
        String yaml = "model_list:\n  - model_name: x\n    litellm_params:\n      model: bedrock/claude-x\n      "
                + line + "\n";
        assertThat(errorOf(yaml)).isEqualTo("config.yaml: " + expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "router_settings: {num_retries: 1.5}    | router_settings.num_retries: expected a whole number, found 1.5",
        "router_settings: {num_retries: -1}     | router_settings.num_retries: expected a whole number (0 or more), found -1",
        "router_settings: {num_retries: many}   | router_settings.num_retries: expected a whole number, found \"many\"",
        "router_settings: {num_retries: 99999999999} | router_settings.num_retries: expected a whole number up to 2147483647, found 99999999999",
        "router_settings: {allowed_fails: -2}   | router_settings.allowed_fails: expected a whole number (0 or more), found -2",
        "router_settings: {cooldown_time: -5}   | router_settings.cooldown_time: expected a number of seconds (0 or more), found -5",
        "router_settings: {retry_after: 1m}     | router_settings.retry_after: expected a number of seconds, found \"1m\"",
        "router_settings: {timeout: 0}          | router_settings.timeout: expected a number of seconds greater than 0, found 0",
        "router_settings: {disable_cooldowns: maybe} | router_settings.disable_cooldowns: expected true or false, found \"maybe\"",
        "router_settings: {retry_policy: [1]}   | router_settings.retry_policy: expected a map such as {RateLimitErrorRetries: 0, TimeoutErrorRetries: 2}, found a list",
        "router_settings: {retry_policy: {RateLimitErrorRetries: -1}} | router_settings.retry_policy.RateLimitErrorRetries: expected a whole number (0 or more), found -1",
        "router_settings: [1]                   | router_settings: expected a map of settings, found a list",
        "litellm_settings: {request_timeout: x} | litellm_settings.request_timeout: expected a number of seconds, found \"x\"",
        "litellm_settings: {num_retries: 2.5}   | litellm_settings.num_retries: expected a whole number, found 2.5",
        "general_settings: {allow_client_credentials: 1} | general_settings.allow_client_credentials: expected true or false, found 1",
        "general_settings: {allowed_origins: http://localhost:3000} | general_settings.allowed_origins: expected a list of origins, e.g. [http://localhost:3000], found \"http://localhost:3000\"",
        "general_settings: {allowed_origins: [http://localhost:3000/]} | general_settings.allowed_origins[0]: expected an origin such as http://localhost:3000 (scheme, host and optional port; no path or trailing slash) or \"*\", found \"http://localhost:3000/\"",
        "general_settings: {master_key: [a]}    | general_settings.master_key: expected a string, found a list",
        "environment_variables: [A]             | environment_variables: expected a map of variable name to value, e.g. {AWS_PROFILE: work}, found a list",
    })
    void settingsErrors(String section, String expected) {
        assertThat(errorOf(minimalWith(section + "\n"))).isEqualTo("config.yaml: " + expected);
    }

    @Test
    void theBuiltInDefaultIsNamedInMessages() {
        ConfigException e = ConfigException.at(ConfigLoader.DEFAULT_CONFIG_NAME, "model_list", "is empty");
        assertThat(e).hasMessage("built-in default config: model_list: is empty");
    }

    @Test
    void plainMessageConstructorKeepsTheMessage() {
        ConfigException e = new ConfigException("Refusing to listen without a master key");
        assertThat(e).hasMessage("Refusing to listen without a master key");
        assertThat(e.source()).isEmpty();
        assertThat(e.keyPath()).isEmpty();
    }
}
