package dev.spillway.simulators;

import java.util.Map;

/** The HTTP status that goes with each Anthropic {@code error.type}. */
final class AnthropicErrorTypes {

    private static final Map<String, Integer> STATUS = Map.ofEntries(
            Map.entry("invalid_request_error", 400),
            Map.entry("authentication_error", 401),
            Map.entry("billing_error", 402),
            Map.entry("permission_error", 403),
            Map.entry("not_found_error", 404),
            Map.entry("conflict_error", 409),
            Map.entry("request_too_large", 413),
            Map.entry("rate_limit_error", 429),
            Map.entry("api_error", 500),
            Map.entry("timeout_error", 504),
            Map.entry("overloaded_error", 529));

    private AnthropicErrorTypes() {
    }

    /** The documented status for {@code errorType}; 500 for types the table does not know. */
    static int statusOf(String errorType) {
        return STATUS.getOrDefault(errorType, 500);
    }
}
