package dev.spillway.engine.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Turns one Bedrock stream chunk (the bytes of one Anthropic stream event) into the SSE event Anthropic itself would
 * have sent. The event JSON is kept byte for byte, except that Bedrock's own metrics leave {@code message_stop}.
 */
final class BedrockSse {

    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "\ndata: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    static final String BEDROCK_METRICS = "amazon-bedrock-invocationMetrics";

    private BedrockSse() {
    }

    private static boolean containsNewline(byte[] bytes) {
        for (byte b : bytes) {
            if (b == '\n' || b == '\r') {
                return true;
            }
        }
        return false;
    }

    /** One event, ready to relay. */
    record Event(String type, byte[] sse) {
        boolean isMessageStop() {
            return "message_stop".equals(type);
        }
    }

    static Event event(byte[] eventJson) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(eventJson);
        } catch (IOException e) {
            throw new UncheckedIOException("Bedrock sent a chunk that is not JSON", e);
        }
        String type = node.path("type").asText("message");
        byte[] data = eventJson;
        if (node instanceof ObjectNode object && object.has(BEDROCK_METRICS)) {
            object.remove(BEDROCK_METRICS);
            data = Json.bytes(object);
        } else if (containsNewline(data)) {
            data = Json.bytes(node); // an SSE data line must be one line
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + type.length() + 20);
        out.writeBytes(EVENT);
        out.writeBytes(type.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(DATA);
        out.writeBytes(data);
        out.writeBytes(END);
        return new Event(type, out.toByteArray());
    }
}
