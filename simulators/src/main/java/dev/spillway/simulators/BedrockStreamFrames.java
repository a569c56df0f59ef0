package dev.spillway.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** The event-stream frames of a Bedrock {@code invoke-with-response-stream} response body. */
public final class BedrockStreamFrames {

    private BedrockStreamFrames() {
    }

    /**
     * A {@code chunk} event: headers {@code :event-type=chunk}, {@code :content-type=application/json},
     * {@code :message-type=event}; payload {@code {"bytes":"<base64 of anthropicEventJson>"}}.
     */
    public static byte[] chunk(String anthropicEventJson) {
        String base64 = Base64.getEncoder().encodeToString(anthropicEventJson.getBytes(StandardCharsets.UTF_8));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":event-type", "chunk");
        headers.put(":content-type", "application/json");
        headers.put(":message-type", "event");
        return EventStreamEncoder.encode(headers, Json.bytes(Json.object().put("bytes", base64)));
    }

    /**
     * A modelled exception in the stream: headers {@code :exception-type} (e.g. {@code throttlingException},
     * {@code modelStreamErrorException}), {@code :content-type=application/json}, {@code :message-type=exception};
     * payload {@code {"message":"..."}}.
     */
    public static byte[] exception(String exceptionType, String message) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":exception-type", exceptionType);
        headers.put(":content-type", "application/json");
        headers.put(":message-type", "exception");
        return EventStreamEncoder.encode(headers, Json.bytes(Json.object().put("message", message)));
    }

    /** The Anthropic event JSON carried by a {@code chunk} message. */
    public static String chunkEventJson(EventStreamMessage chunk) {
        JsonNode payload = Json.parse(chunk.payloadUtf8());
        return new String(Base64.getDecoder().decode(payload.path("bytes").asText()), StandardCharsets.UTF_8);
    }
}
