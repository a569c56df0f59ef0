package dev.spillway.engine.provider.bedrock;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.json.Json;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * An error as the Anthropic Messages API reports it: HTTP status, {@code error.type}, {@code error.message}, and the
 * {@code retry-after} delay when the upstream named one.
 */
public record AnthropicError(int status, String type, String message, Optional<Duration> retryAfter) {

    public AnthropicError {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /**
     * The response body: {@code {"type":"error","error":{"type":…,"message":…},"request_id":…}}; the
     * {@code request_id} member is left out when {@code requestId} is null.
     */
    public byte[] toJson(String requestId) {
        ObjectNode body = Json.object();
        body.put("type", "error");
        ObjectNode error = body.putObject("error");
        error.put("type", type);
        error.put("message", message);
        if (requestId != null) {
            body.put("request_id", requestId);
        }
        return Json.bytes(body);
    }
}
