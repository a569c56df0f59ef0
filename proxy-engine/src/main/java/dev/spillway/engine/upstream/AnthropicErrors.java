package dev.spillway.engine.upstream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Errors written by the gateway itself, in the Anthropic API's format, so Claude Code reads them as usual. */
public final class AnthropicErrors {

    /**
     * Marks answers the gateway wrote itself (always in Anthropic's format), so the HTTP layer can re-write them for
     * an OpenAI client; never sent to clients.
     */
    public static final String GATEWAY_MADE_HEADER = "x-spillway-internal-gateway-error";

    /** The request field a gateway-made 400 is about, for OpenAI's {@code error.param}; never sent to clients. */
    public static final String PARAM_HEADER = "x-spillway-internal-param";

    private AnthropicErrors() {
    }

    /** {@code {"type":"error","error":{"type":…,"message":…},"request_id":…}} */
    public static byte[] body(String errorType, String message, String requestId) {
        ObjectNode root = Json.object();
        root.put("type", "error");
        ObjectNode error = root.putObject("error");
        error.put("type", errorType);
        error.put("message", message);
        if (requestId != null) {
            root.put("request_id", requestId);
        }
        return Json.bytes(root);
    }

    /** The same error as an SSE {@code error} event, for failures after a stream has started. */
    public static byte[] streamEvent(String errorType, String message) {
        ObjectNode root = Json.object();
        root.put("type", "error");
        ObjectNode error = root.putObject("error");
        error.put("type", errorType);
        error.put("message", message);
        String data = new String(Json.bytes(root), StandardCharsets.UTF_8);
        return ("event: error\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    public static UpstreamResponse response(int status, String errorType, String message, String requestId,
            Optional<Duration> retryAfter) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("content-type", List.of("application/json"));
        headers.put(GATEWAY_MADE_HEADER, List.of("true"));
        retryAfter.ifPresent(d -> headers.put("retry-after",
                List.of(Long.toString(Math.max(1, (d.toMillis() + 999) / 1000)))));
        return UpstreamResponse.complete(status, headers, body(errorType, message, requestId));
    }

    /** The Anthropic error type for an HTTP status. */
    public static String typeFor(int status) {
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 409 -> "conflict_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 504 -> "timeout_error";
            case 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }
}
