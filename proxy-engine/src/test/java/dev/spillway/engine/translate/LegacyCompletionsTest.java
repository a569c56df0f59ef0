package dev.spillway.engine.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.json.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LegacyCompletionsTest {

    private static ObjectNode json(String text) {
        return Json.parseObject(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPromptBecomesOneUserMessageAndSamplingCarriesOver() {
        ObjectNode chat = LegacyCompletions.toChatRequest(json(
                "{\"model\":\"m\",\"prompt\":\"Hello\",\"max_tokens\":7,\"temperature\":0.5,\"stop\":[\"\\n\"],\"n\":1,"
                        + "\"echo\":false,\"logprobs\":null}"));

        assertThat(chat.get("messages").toString()).isEqualTo("[{\"role\":\"user\",\"content\":\"Hello\"}]");
        assertThat(chat.get("max_tokens").asInt()).isEqualTo(7);
        assertThat(chat.get("temperature").asDouble()).isEqualTo(0.5);
        assertThat(chat.get("stop").get(0).asText()).isEqualTo("\n");
        assertThat(chat.has("n")).isFalse();
        assertThat(chat.has("prompt")).isFalse();
    }

    @Test
    void whatAChatModelCannotDoIsRefusedNamingTheField() {
        assertThatThrownBy(() -> LegacyCompletions.toChatRequest(json("{\"model\":\"m\",\"prompt\":[\"a\",\"b\"]}")))
                .isInstanceOfSatisfying(TranslationException.class, e -> assertThat(e.field()).isEqualTo("prompt"));
        assertThatThrownBy(() -> LegacyCompletions.toChatRequest(json("{\"model\":\"m\",\"prompt\":\"a\",\"suffix\":\"z\"}")))
                .isInstanceOfSatisfying(TranslationException.class, e -> assertThat(e.field()).isEqualTo("suffix"));
        assertThatThrownBy(() -> LegacyCompletions.toChatRequest(json("{\"model\":\"m\",\"prompt\":\"a\",\"best_of\":3}")))
                .isInstanceOfSatisfying(TranslationException.class, e -> assertThat(e.field()).isEqualTo("best_of"));
        assertThatThrownBy(() -> LegacyCompletions.toChatRequest(json("{\"model\":\"m\"}")))
                .isInstanceOfSatisfying(TranslationException.class, e -> assertThat(e.field()).isEqualTo("prompt"));
    }

    @Test
    void aChatAnswerBecomesATextCompletion() {
        ObjectNode legacy = LegacyCompletions.toLegacyResponse(json("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\","
                + "\"created\":5,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"done\"},\"finish_reason\":\"length\"}],\"usage\":{\"prompt_tokens\":3}}"));

        assertThat(legacy.get("id").asText()).isEqualTo("cmpl-1");
        assertThat(legacy.get("object").asText()).isEqualTo("text_completion");
        assertThat(legacy.get("choices").get(0).get("text").asText()).isEqualTo("done");
        assertThat(legacy.get("choices").get(0).get("finish_reason").asText()).isEqualTo("length");
        assertThat(legacy.get("usage").get("prompt_tokens").asInt()).isEqualTo(3);
    }
}
