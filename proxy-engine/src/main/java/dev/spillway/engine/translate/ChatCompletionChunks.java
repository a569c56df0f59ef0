package dev.spillway.engine.translate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.json.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the {@code chat.completion.chunk} events of one OpenAI stream: same {@code id}, {@code created} and
 * {@code model} on every chunk, one choice (index 0) until the usage chunk. With {@code include_usage}, OpenAI puts
 * {@code "usage": null} on every chunk but the last, so this does too.
 */
final class ChatCompletionChunks {

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_OF_EVENT = "\n\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final String id;
    private final long created;
    private final String model;
    private final boolean includeUsage;

    ChatCompletionChunks(String id, long created, String model, boolean includeUsage) {
        this.id = id;
        this.created = created;
        this.model = model;
        this.includeUsage = includeUsage;
    }

    /** A chunk carrying this delta, {@code finish_reason} null. */
    void delta(ObjectNode delta, ByteArrayOutputStream out) {
        choice(delta, null, out);
    }

    /** The chunk that ends the choice: empty delta and the finish reason. */
    void finish(String finishReason, ByteArrayOutputStream out) {
        choice(Json.object(), finishReason, out);
    }

    /** The usage chunk: no choices. */
    void usage(ObjectNode usage, ByteArrayOutputStream out) {
        ObjectNode chunk = header();
        chunk.putArray("choices");
        chunk.set("usage", usage);
        write(chunk, out);
    }

    private void choice(ObjectNode delta, String finishReason, ByteArrayOutputStream out) {
        ObjectNode chunk = header();
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        if (includeUsage) {
            chunk.putNull("usage");
        }
        write(chunk, out);
    }

    private ObjectNode header() {
        ObjectNode chunk = Json.object();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", model);
        return chunk;
    }

    static void write(ObjectNode event, ByteArrayOutputStream out) {
        out.writeBytes(DATA);
        out.writeBytes(Json.bytes(event));
        out.writeBytes(END_OF_EVENT);
    }
}
