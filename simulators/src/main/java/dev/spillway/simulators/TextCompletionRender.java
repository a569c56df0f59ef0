package dev.spillway.simulators;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders an {@link OpenAiScript} for the legacy {@code POST /v1/completions}: a {@code text_completion} object, or
 * the {@code text_completion} chunks that stream it. Only the script's text counts; that API has no reasoning and no
 * tool calls.
 */
final class TextCompletionRender {

    static final String OBJECT = "text_completion";

    private TextCompletionRender() {
    }

    /** The complete non-streaming {@code text_completion}. */
    static ObjectNode completion(OpenAiScript script, OpenAiStamp stamp) {
        ObjectNode completion = stamp.header(OBJECT);
        completion.putArray("choices").add(choice(textOf(script), script.legacyFinishReason()));
        completion.set("usage", script.usage().toLegacyUsage());
        return completion;
    }

    /**
     * The streamed chunks: one per text piece, a last one with empty text and the finish reason and, if
     * {@code includeUsage}, one with no choices and the usage. Without {@code [DONE]}.
     */
    static List<ObjectNode> chunks(OpenAiScript script, OpenAiStamp stamp, boolean includeUsage) {
        List<ObjectNode> chunks = new ArrayList<>();
        for (String piece : ChatCompletionRender.pieces(textOf(script))) {
            chunks.add(chunk(stamp, choice(piece, null), includeUsage));
        }
        chunks.add(chunk(stamp, choice("", script.legacyFinishReason()), includeUsage));
        if (includeUsage) {
            ObjectNode usage = stamp.header(OBJECT);
            usage.putArray("choices");
            usage.set("usage", script.usage().toLegacyUsage());
            chunks.add(usage);
        }
        return chunks;
    }

    private static ObjectNode chunk(OpenAiStamp stamp, ObjectNode choice, boolean includeUsage) {
        ObjectNode chunk = stamp.header(OBJECT);
        chunk.putArray("choices").add(choice);
        if (includeUsage) {
            chunk.putNull("usage");
        }
        return chunk;
    }

    private static ObjectNode choice(String text, String finishReason) {
        ObjectNode choice = Json.object().put("text", text).put("index", 0);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        return choice;
    }

    private static String textOf(OpenAiScript script) {
        return script.text() == null ? "" : script.text();
    }
}
