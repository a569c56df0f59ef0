package dev.spillway.engine.config;

import static dev.spillway.engine.config.TestConfigs.errorOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** No error message or warning ever contains a secret value. */
class SecretsInMessagesTest {

    private static final String SECRET = "sk-ant-api03-TOPSECRET";

    @ParameterizedTest
    @ValueSource(strings = {
        "timeout: os.environ/SECRET_VAR",
        "api_base: os.environ/SECRET_VAR",
        "aws_region_name: os.environ/SECRET_VAR",
        "model: os.environ/SECRET_VAR",
    })
    void valuesFromTheEnvironmentAreNotShown(String line) {
        String yaml = "model_list:\n  - model_name: b\n    litellm_params:\n      model: bedrock/claude-x\n      "
                + line + "\n";
        String message = errorOf(yaml.replace("      model: bedrock/claude-x\n      model:", "      model:"),
                Map.of("SECRET_VAR", SECRET));

        assertThat(message).doesNotContain(SECRET).doesNotContain("TOPSECRET");
    }

    @Test
    void secretKeysAreNotShownWhenOfTheWrongKind() {
        String message = errorOf("""
                model_list:
                  - model_name: b
                    litellm_params:
                      model: bedrock/claude-x
                      aws_access_key_id: AKIA
                      aws_secret_access_key: {nested: sk-ant-api03-TOPSECRET}
                """);

        assertThat(message).isEqualTo("config.yaml: model_list[0].litellm_params.aws_secret_access_key: expected a "
                + "string, found a map");
    }

    @Test
    void secretsInSyntaxErrorsAreNotQuoted() {
        String message = errorOf("""
                general_settings:
                  master_key: "sk-ant-api03-TOPSECRET
                model_list: []
                """);

        assertThat(message).startsWith("config.yaml: line ").doesNotContain("TOPSECRET");
    }

    @Test
    void secretsOfDeploymentsWithOtherErrorsAreNotShown() {
        String message = errorOf("""
                model_list:
                  - model_name: a
                    litellm_params:
                      model: anthropic/claude-x
                      api_key: sk-ant-api03-TOPSECRET
                      timeout: never
                """);

        assertThat(message).doesNotContain("TOPSECRET");
    }

    @Test
    void environmentVariablesOfTheConfigAreNotShown() {
        String message = errorOf("""
                environment_variables:
                  ANTHROPIC_API_KEY: sk-ant-api03-TOPSECRET
                model_list:
                  - model_name: a
                    litellm_params:
                      model: anthropic/claude-x
                      timeout: os.environ/ANTHROPIC_API_KEY
                """);

        assertThat(message).isEqualTo("config.yaml: model_list[0].litellm_params.timeout: expected a number of "
                + "seconds, found the value of os.environ/ANTHROPIC_API_KEY (not shown)");
    }

    @Test
    void warningsAboutIgnoredSecretKeysDoNotShowTheirValues() {
        SpillwayConfig config = TestConfigs.parse(TestConfigs.MINIMAL + """
                router_settings:
                  redis_password: sk-ant-api03-TOPSECRET
                general_settings:
                  database_url: postgres://u:sk-ant-api03-TOPSECRET@db/x
                """);

        assertThat(String.join("\n", config.warnings())).hasLineCount(2).doesNotContain("TOPSECRET");
    }

    @Test
    void theMasterKeyIsNotInToString() {
        SpillwayConfig config = TestConfigs.parse(TestConfigs.MINIMAL
                + "general_settings:\n  master_key: sk-ant-api03-TOPSECRET\n");

        assertThat(config.general().masterKey()).contains(SECRET);
        assertThat(config.toString()).doesNotContain("TOPSECRET");
    }
}
