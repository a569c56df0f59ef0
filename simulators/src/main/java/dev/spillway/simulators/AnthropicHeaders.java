package dev.spillway.simulators;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** The headers every Anthropic API response carries: a request id and sample rate-limit figures. */
final class AnthropicHeaders {

    private AnthropicHeaders() {
    }

    /** {@code request-id} and {@code anthropic-ratelimit-*} headers, followed by the reply's extra headers. */
    static Map<String, String> forResponse(String requestId, Map<String, String> extraHeaders) {
        String reset = Instant.now().plus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("request-id", requestId);
        limit(headers, "requests", 4_000, reset);
        limit(headers, "input-tokens", 2_000_000, reset);
        limit(headers, "output-tokens", 400_000, reset);
        limit(headers, "tokens", 2_400_000, reset);
        headers.putAll(extraHeaders);
        return headers;
    }

    private static void limit(Map<String, String> headers, String resource, int limit, String reset) {
        String prefix = "anthropic-ratelimit-" + resource + "-";
        headers.put(prefix + "limit", Integer.toString(limit));
        headers.put(prefix + "remaining", Integer.toString(limit - 1));
        headers.put(prefix + "reset", reset);
    }
}
