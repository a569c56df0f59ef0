package dev.spillway.simulators;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One message of the AWS event-stream encoding ({@code application/vnd.amazon.eventstream}): headers and a payload.
 * Header values are strings; the decoder renders other header types as text.
 *
 * @param headers header names to values, in wire order
 * @param payload the raw payload bytes
 */
public record EventStreamMessage(Map<String, String> headers, byte[] payload) {

    /** Copies both arguments so the record stays immutable. */
    public EventStreamMessage {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        payload = payload.clone();
    }

    /** A copy of the payload. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload decoded as UTF-8. */
    public String payloadUtf8() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** The value of header {@code name}, or {@code null}. */
    public String header(String name) {
        return headers.get(name);
    }
}
