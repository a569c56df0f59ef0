package dev.spillway.simulators;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders an {@link OpenAiScript} as a {@code chat.completion} object or as the {@code chat.completion.chunk}
 * sequence that streams it, field for field as api.openai.com sends them.
 */
final class ChatCompletionRender {

    static final String OBJECT = "chat.completion";
    static final String CHUNK_OBJECT = "chat.completion.chunk";

    private ChatCompletionRender() {
    }

    /** The complete non-streaming {@code chat.completion}. */
    static ObjectNode completion(OpenAiScript script, OpenAiStamp stamp) {
        ObjectNode completion = stamp.header(OBJECT);
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        choice.set("message", message(script));
        choice.putNull("logprobs");
        choice.put("finish_reason", script.finishReason());
        completion.set("usage", script.usage().toChatUsage(script.reasoningTokens()));
        completion.put("service_tier", "default");
        completion.put("system_fingerprint", stamp.systemFingerprint());
        return completion;
    }

    /**
     * The streamed chunks: the deltas, a last choice chunk with an empty delta and the finish reason and, if
     * {@code includeUsage}, a chunk with no choices and the usage (every other chunk then says {@code "usage":null}).
     * The {@code [DONE]} sentinel is not a chunk and is not included.
     */
    static List<ObjectNode> chunks(OpenAiScript script, OpenAiStamp stamp, boolean includeUsage) {
        List<ObjectNode> chunks = new ArrayList<>();
        for (ObjectNode delta : deltas(script)) {
            chunks.add(choiceChunk(stamp, delta, null, includeUsage));
        }
        chunks.add(choiceChunk(stamp, Json.object(), script.finishReason(), includeUsage));
        if (includeUsage) {
            ObjectNode usage = chunkHeader(stamp);
            usage.putArray("choices");
            usage.set("usage", script.usage().toChatUsage(script.reasoningTokens()));
            chunks.add(usage);
        }
        return chunks;
    }

    private static ObjectNode message(OpenAiScript script) {
        ObjectNode message = Json.object().put("role", "assistant").put("content", script.text());
        if (script.reasoning() != null) {
            message.put("reasoning_content", script.reasoning());
        }
        if (!script.toolCalls().isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (OpenAiReply.ToolCall call : script.toolCalls()) {
                ObjectNode complete = calls.addObject().put("id", call.id()).put("type", "function");
                complete.putObject("function").put("name", call.name()).put("arguments", call.argumentsJson());
            }
        }
        message.putNull("refusal");
        message.putArray("annotations");
        return message;
    }

    /**
     * The deltas before the finish chunk. The first one carries the role: with {@code "content":""} before text,
     * with {@code "content":null} and {@code "reasoning_content":""} before reasoning (DeepSeek), and with
     * {@code "content":null} and the first tool call's opening when the message only calls tools.
     */
    private static List<ObjectNode> deltas(OpenAiScript script) {
        List<ObjectNode> deltas = new ArrayList<>();
        if (script.reasoning() != null) {
            deltas.add(role().putNull("content").put("reasoning_content", ""));
            for (String piece : pieces(script.reasoning())) {
                deltas.add(Json.object().putNull("content").put("reasoning_content", piece));
            }
            for (String piece : pieces(script.text())) {
                deltas.add(Json.object().put("content", piece).putNull("reasoning_content"));
            }
        } else if (script.text() != null) {
            deltas.add(role().put("content", "").putNull("refusal"));
            for (String piece : pieces(script.text())) {
                deltas.add(Json.object().put("content", piece));
            }
        }
        for (ObjectNode toolCall : ToolCallDeltas.interleaved(script.toolCalls())) {
            ObjectNode delta = deltas.isEmpty() ? role().putNull("content") : Json.object();
            delta.putArray("tool_calls").add(toolCall);
            if (deltas.isEmpty()) {
                delta.putNull("refusal");
            }
            deltas.add(delta);
        }
        return deltas;
    }

    private static ObjectNode choiceChunk(OpenAiStamp stamp, ObjectNode delta, String finishReason,
            boolean includeUsage) {
        ObjectNode chunk = chunkHeader(stamp);
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        if (includeUsage) {
            chunk.putNull("usage");
        }
        return chunk;
    }

    private static ObjectNode chunkHeader(OpenAiStamp stamp) {
        return stamp.header(CHUNK_OBJECT)
                .put("service_tier", "default")
                .put("system_fingerprint", stamp.systemFingerprint());
    }

    private static ObjectNode role() {
        return Json.object().put("role", "assistant");
    }

    /** The non-empty pieces of {@code text}: none for an empty text. */
    static List<String> pieces(String text) {
        return text.isEmpty() ? List.of() : TextPieces.split(text);
    }
}
