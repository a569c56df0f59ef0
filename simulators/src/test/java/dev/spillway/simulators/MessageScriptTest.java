package dev.spillway.simulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The streamed events of a script always add up to its complete message. */
class MessageScriptTest {

    static Stream<MessageScript> scripts() {
        return Stream.of(
                MessageScript.text("Hello, world! 👋 Surrogate pairs stay whole."),
                MessageScript.text(""),
                MessageScript.toolUse("get_weather", "toolu_01", "{\"city\":\"Zürich\",\"days\":[1,2,3]}"),
                MessageScript.thinkingThenText("First, consider the question.", "c2lnbmF0dXJl", "The answer."));
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void accumulatedEventsEqualTheCompleteMessage(MessageScript script) {
        List<ObjectNode> events = script.toEvents("msg_1", "claude-x");

        assertThat(accumulate(events)).isEqualTo(script.toMessage("msg_1", "claude-x"));
    }

    @Test
    void usageDefaultsToAnEstimateAndCanBeSet() {
        MessageScript script = MessageScript.text("x".repeat(40));

        assertThat(script.usage()).isEqualTo(new TokenUsage(25, 10, 0, 0));
        assertThat(script.withUsage(new TokenUsage(1, 2, 3, 4)).toMessage("m", "x").path("usage").toString())
                .isEqualTo("{\"input_tokens\":1,\"cache_creation_input_tokens\":4,"
                        + "\"cache_read_input_tokens\":3,\"output_tokens\":2}");
    }

    @Test
    void toolInputMustBeAJsonObject() {
        assertThatThrownBy(() -> MessageScript.toolUse("t", "toolu_1", "[1]"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Rebuilds a message from its events the way a streaming client does. */
    private static ObjectNode accumulate(List<ObjectNode> events) {
        ObjectNode message = null;
        StringBuilder partialJson = new StringBuilder();
        for (ObjectNode event : events) {
            switch (event.path("type").asText()) {
                case "message_start" -> message = event.path("message").deepCopy();
                case "content_block_start" -> ((ArrayNode) message.path("content")).add(event.path("content_block"));
                case "content_block_delta" -> applyDelta(blockAt(message, event), event.path("delta"), partialJson);
                case "content_block_stop" -> {
                    if (partialJson.length() > 0) {
                        blockAt(message, event).set("input", Json.parse(partialJson.toString()));
                        partialJson.setLength(0);
                    }
                }
                case "message_delta" -> {
                    message.setAll((ObjectNode) event.path("delta"));
                    ((ObjectNode) message.path("usage")).setAll((ObjectNode) event.path("usage"));
                }
                default -> { }
            }
        }
        return message;
    }

    private static ObjectNode blockAt(ObjectNode message, JsonNode event) {
        return (ObjectNode) message.path("content").get(event.path("index").asInt());
    }

    private static void applyDelta(ObjectNode block, JsonNode delta, StringBuilder partialJson) {
        switch (delta.path("type").asText()) {
            case "text_delta" -> block.put("text", block.path("text").asText() + delta.path("text").asText());
            case "thinking_delta" ->
                    block.put("thinking", block.path("thinking").asText() + delta.path("thinking").asText());
            case "signature_delta" -> block.put("signature", delta.path("signature").asText());
            case "input_json_delta" -> partialJson.append(delta.path("partial_json").asText());
            default -> throw new AssertionError("unexpected delta " + delta);
        }
    }
}
