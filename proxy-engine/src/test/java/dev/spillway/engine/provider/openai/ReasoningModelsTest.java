package dev.spillway.engine.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReasoningModelsTest {

    @ParameterizedTest
    @CsvSource({
        "o3, true", "o4-mini, true", "o1-preview, true", "gpt-5, true", "gpt-5-mini, true", "gpt-oss-120b, true",
        "deepseek-reasoner, true", "qwen3:8b, true", "openai/gpt-oss-20b, true", "deepseek/deepseek-r1, true",
        "gpt-4o, false", "gpt-4.1, false", "deepseek-chat, false", "llama-3.3-70b-versatile, false",
        "gpt-4o-mini, false", "llama3.2, false"
    })
    void knowsWhichModelsTakeReasoningEffort(String model, boolean expected) {
        assertThat(ReasoningModels.takesReasoningEffort(model)).isEqualTo(expected);
    }
}
