package dev.spillway.simulators;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a reply travels, independent of what it says: extra headers, pacing between streamed events, and a scripted
 * disconnect.
 *
 * @param extraHeaders headers added to the response, in order
 * @param delayBetweenEvents pause before each streamed event after the first
 * @param disconnectAfterEvents events sent before the connection is cut, or {@link #NEVER}
 */
record Delivery(Map<String, String> extraHeaders, Duration delayBetweenEvents, int disconnectAfterEvents) {

    static final int NEVER = -1;
    static final Delivery NORMAL = new Delivery(Map.of(), Duration.ZERO, NEVER);

    Delivery {
        extraHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(extraHeaders));
        Objects.requireNonNull(delayBetweenEvents);
        if (delayBetweenEvents.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
    }

    Delivery withHeader(String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        headers.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
        return new Delivery(headers, delayBetweenEvents, disconnectAfterEvents);
    }

    Delivery withDelay(Duration delay) {
        return new Delivery(extraHeaders, delay, disconnectAfterEvents);
    }

    Delivery withDisconnectAfter(int events) {
        if (events < 0) {
            throw new IllegalArgumentException("event count must not be negative");
        }
        return new Delivery(extraHeaders, delayBetweenEvents, events);
    }

    boolean disconnects() {
        return disconnectAfterEvents != NEVER;
    }
}
