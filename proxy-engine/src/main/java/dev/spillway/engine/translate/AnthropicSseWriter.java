package dev.spillway.engine.translate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.json.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Collects Anthropic SSE events ({@code event: <type>\ndata: <json>\n\n}) for one call of a stream translator. */
final class AnthropicSseWriter {

    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "\ndata: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    /** Writes one event; its SSE {@code event} name is the data's {@code type}. */
    void event(ObjectNode data) {
        out.writeBytes(EVENT);
        out.writeBytes(data.get("type").textValue().getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(DATA);
        out.writeBytes(Json.bytes(data));
        out.writeBytes(END);
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
