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

/** The streamed chunks of an OpenAI script always add up to its complete {@code chat.completion}. */
class ChatCompletionRenderTest {

    private static final OpenAiStamp STAMP = new OpenAiStamp("chatcmpl-1", 1_700_000_000L, "gpt-x", "fp_0");

    static Stream<OpenAiScript> scripts() {
        OpenAiReply.ToolCall weather = new OpenAiReply.ToolCall("call_a", "get_weather", "{\"city\":\"Zürich\"}");
        OpenAiReply.ToolCall time = new OpenAiReply.ToolCall("call_b", "get_time", "{}");
        OpenAiReply.ToolCall malformed = new OpenAiReply.ToolCall("call_c", "x", "not json");
        return Stream.of(
                OpenAiScript.text("Hello, world! 👋 Surrogate pairs stay whole."),
                OpenAiScript.text(""),
                OpenAiScript.toolCalls(null, List.of(weather)),
                OpenAiScript.toolCalls(null, List.of(weather, time, malformed)),
                OpenAiScript.toolCalls("Let me look.", List.of(weather, time)),
                OpenAiScript.reasoningThenText("Consider 👋 first.", "Done."));
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void accumulatedChunksEqualTheCompleteCompletion(OpenAiScript script) {
        List<ObjectNode> chunks = ChatCompletionRender.chunks(script, STAMP, true);

        assertThat(accumulate(chunks)).isEqualTo(ChatCompletionRender.completion(script, STAMP));
    }

    @Test
    void usageDefaultsToAnEstimateAndNonsenseIsRejected() {
        OpenAiScript script = OpenAiScript.text("x".repeat(40));

        assertThat(script.usage()).isEqualTo(new OpenAiUsage(25, 10, 0));
        assertThat(script.withUsage(new OpenAiUsage(7, 3, 2)).usage()).isEqualTo(new OpenAiUsage(7, 3, 2));
        assertThatThrownBy(() -> new OpenAiUsage(2, 1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OpenAiReply.toolCalls()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OpenAiReply.hang().withUsage(1, 1, 0)).isInstanceOf(IllegalStateException.class);
    }

    /** Rebuilds a {@code chat.completion} from chunks the way a careful client does, keyed by tool call index. */
    private static ObjectNode accumulate(List<ObjectNode> chunks) {
        ObjectNode message = Json.object();
        ArrayNode toolCalls = Json.MAPPER.createArrayNode();
        StringBuilder content = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        boolean sawContent = false;
        boolean sawReasoning = false;
        String finishReason = null;
        JsonNode usage = null;
        for (ObjectNode chunk : chunks) {
            assertThat(chunk.path("id").asText()).isEqualTo(STAMP.id());
            assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
            if (chunk.path("choices").isEmpty()) {
                usage = chunk.get("usage");
                continue;
            }
            JsonNode choice = chunk.path("choices").get(0);
            JsonNode delta = choice.path("delta");
            if (delta.has("role")) {
                message.put("role", delta.path("role").asText());
            }
            if (delta.path("content").isTextual()) {
                sawContent = true;
                content.append(delta.path("content").asText());
            }
            if (delta.path("reasoning_content").isTextual()) {
                sawReasoning = true;
                reasoning.append(delta.path("reasoning_content").asText());
            }
            for (JsonNode call : delta.path("tool_calls")) {
                int index = call.path("index").asInt();
                if (call.has("id")) {
                    assertThat(toolCalls.size()).isEqualTo(index);
                    ObjectNode complete = toolCalls.addObject().put("id", call.path("id").asText())
                            .put("type", call.path("type").asText());
                    complete.putObject("function").put("name", call.path("function").path("name").asText())
                            .put("arguments", call.path("function").path("arguments").asText());
                } else {
                    ObjectNode function = (ObjectNode) toolCalls.get(index).path("function");
                    function.put("arguments", function.path("arguments").asText()
                            + call.path("function").path("arguments").asText());
                }
            }
            if (!choice.path("finish_reason").isNull()) {
                finishReason = choice.path("finish_reason").asText();
            }
        }
        message.put("content", sawContent ? content.toString() : null);
        if (sawReasoning) {
            message.put("reasoning_content", reasoning.toString());
        }
        if (!toolCalls.isEmpty()) {
            message.set("tool_calls", toolCalls);
        }
        message.putNull("refusal");
        message.putArray("annotations");
        ObjectNode completion = STAMP.header("chat.completion");
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        choice.set("message", message);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        completion.set("usage", usage);
        completion.put("service_tier", "default");
        completion.put("system_fingerprint", STAMP.systemFingerprint());
        return completion;
    }
}
