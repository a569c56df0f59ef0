package dev.spillway.engine.provider.bedrock;

import dev.spillway.engine.upstream.AnthropicErrors;
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
        return AnthropicErrors.body(type, message, requestId);
    }
}
