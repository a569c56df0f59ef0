package dev.spillway.simulators;

import java.util.LinkedHashMap;
import java.util.Map;

/** The headers every OpenAI API response carries: a request id, API version and sample rate-limit figures. */
final class OpenAiHeaders {

    private static final int REQUEST_LIMIT = 500;
    private static final int TOKEN_LIMIT = 30_000;

    private OpenAiHeaders() {
    }

    /**
     * {@code x-request-id}, {@code openai-*} and {@code x-ratelimit-*} headers; the reply's extra headers are added
     * after them and replace any of the same name, whatever its case.
     */
    static Map<String, String> forResponse(String requestId, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-request-id", requestId);
        headers.put("openai-organization", "user-spillway-simulator");
        headers.put("openai-processing-ms", "42");
        headers.put("openai-version", "2020-10-01");
        headers.put("x-ratelimit-limit-requests", Integer.toString(REQUEST_LIMIT));
        headers.put("x-ratelimit-limit-tokens", Integer.toString(TOKEN_LIMIT));
        headers.put("x-ratelimit-remaining-requests", Integer.toString(REQUEST_LIMIT - 1));
        headers.put("x-ratelimit-remaining-tokens", Integer.toString(TOKEN_LIMIT - 25));
        headers.put("x-ratelimit-reset-requests", "120ms");
        headers.put("x-ratelimit-reset-tokens", "50ms");
        extraHeaders.forEach((name, value) -> {
            headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
            headers.put(name, value);
        });
        return headers;
    }
}
