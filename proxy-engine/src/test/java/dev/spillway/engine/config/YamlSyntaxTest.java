package dev.spillway.engine.config;

import static dev.spillway.engine.config.TestConfigs.errorOf;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** YAML syntax errors name file, line and column, and never quote the offending line. */
class YamlSyntaxTest {

    @Test
    void missingColonGivesLineAndColumn() {
        String message = errorOf("""
                model_list:
                  - model_name: claude-sonnet
                    litellm_params:
                      model: anthropic/claude-sonnet-4-5
                      api_key sk-ant-api03-secret
                      timeout: 3
                """);

        assertThat(message).startsWith("config.yaml: line 6, column 7: invalid YAML: could not find expected ':'")
                .doesNotContain("sk-ant-api03-secret");
    }

    @Test
    void unclosedFlowSequence() {
        String message = errorOf("""
                model_list: [
                  {model_name: a, litellm_params: {model: anthropic/a}}
                router_settings: {}
                """);

        assertThat(message).matches("config\\.yaml: line 3, column \\d+: invalid YAML: .*")
                .contains("while parsing a flow sequence at line 1, column 13");
    }

    @Test
    void badIndentation() {
        String message = errorOf("""
                model_list:
                  - model_name: a
                    litellm_params:
                      model: anthropic/a
                   api_key: hunter2-secret
                """);

        assertThat(message).startsWith("config.yaml: line 5, column 4: invalid YAML: ")
                .doesNotContain("hunter2-secret");
    }

    @Test
    void tabsForIndentation() {
        assertThat(errorOf("model_list:\n\t- model_name: a\n"))
                .startsWith("config.yaml: line 2, column 1: invalid YAML: ")
                .contains("TAB");
    }

    @Test
    void unterminatedQuote() {
        assertThat(errorOf("model_list:\n  - model_name: \"claude\n"))
                .startsWith("config.yaml: line 3, column 1: invalid YAML: found unexpected end of stream");
    }

    @Test
    void duplicateKeysAreAnError() {
        assertThat(errorOf("""
                model_list:
                  - model_name: a
                    litellm_params: {model: anthropic/a}
                    litellm_params: {model: anthropic/b}
                """)).matches("config\\.yaml: line 4, column \\d+: duplicate key 'litellm_params'; a key may appear only "
                + "once in a map");
    }

    @Test
    void aliasesAreRefusedRatherThanMisread() {
        assertThat(errorOf("""
                model_list:
                  - model_name: a
                    litellm_params: &params {model: anthropic/a}
                  - model_name: b
                    litellm_params: *params
                """)).isEqualTo("config.yaml: line 5, column 21: YAML aliases (*name) are not supported; write the "
                + "value out in full");
    }

    @Test
    void malformedNumbers() {
        assertThat(errorOf("model_list:\n  - model_name: a\n    litellm_params: {model: anthropic/a, timeout: .inf}\n"))
                .matches("config\\.yaml: line 3, column \\d+: invalid YAML: .*");
    }
}
