package dev.spillway.engine.metrics;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a label from growing without bound: the first {@code max} distinct values pass through, later new values
 * become {@value #OTHER}. Values longer than {@value #MAX_LENGTH} characters are cut.
 */
final class LabelCap {

    static final String OTHER = "other";
    static final int MAX_LENGTH = 128;

    private final int max;
    private final ConcurrentHashMap<String, Boolean> seen = new ConcurrentHashMap<>();

    LabelCap(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive: " + max);
        }
        this.max = max;
    }

    String apply(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = value.length() > MAX_LENGTH ? value.substring(0, MAX_LENGTH) : value;
        if (seen.containsKey(v)) {
            return v;
        }
        // Racing threads may overshoot by a few values; still bounded.
        if (seen.size() >= max) {
            return OTHER;
        }
        seen.putIfAbsent(v, Boolean.TRUE);
        return v;
    }

    int size() {
        return seen.size();
    }
}
