package dev.spillway.engine.upstream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.json.Json;
import java.nio.charset.StandardCharsets;

/** Errors in OpenAI's format, {@code {"error":{"message","type","param","code"}}}, for clients of the OpenAI routes. */
public final class OpenAiErrors {

    private OpenAiErrors() {
    }

    /**
     * @param param the request field at fault, or null
     * @param code a machine-readable code (e.g. {@code model_not_found}), or null for the HTTP status as a string,
     *     as LiteLLM does
     */
    public static byte[] body(int status, String type, String message, String param, String code) {
        return Json.bytes(errorObject(status, type, message, param, code));
    }

    /** The same error as a stream chunk, for failures after a stream has started. */
    public static byte[] streamEvent(String type, String message) {
        String data = new String(Json.bytes(errorObject(0, type, message, null, null)), StandardCharsets.UTF_8);
        return ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode errorObject(int status, String type, String message, String param, String code) {
        ObjectNode root = Json.object();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.put("code", code != null ? code : status > 0 ? Integer.toString(status) : null);
        return root;
    }

    /** The OpenAI error type for an HTTP status. */
    public static String typeFor(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 408, 504 -> "timeout_error";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "service_unavailable_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }

    /** The OpenAI error type for an Anthropic one. */
    public static String typeForAnthropic(String anthropicType) {
        return switch (anthropicType == null ? "" : anthropicType) {
            case "authentication_error" -> "authentication_error";
            case "permission_error" -> "permission_error";
            case "not_found_error" -> "not_found_error";
            case "rate_limit_error" -> "rate_limit_error";
            case "timeout_error" -> "timeout_error";
            case "overloaded_error" -> "service_unavailable_error";
            case "api_error" -> "server_error";
            default -> "invalid_request_error";
        };
    }
}
