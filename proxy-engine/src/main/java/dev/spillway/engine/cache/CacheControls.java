package dev.spillway.engine.cache;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Optional;

/**
 * A request's own cache controls, LiteLLM's {@code cache} object in the body:
 * {@code {"no-cache": true}} (do not answer from the cache; the fresh answer is still stored),
 * {@code {"no-store": true}} (do not store the answer), {@code {"ttl": 60}} (seconds this answer is kept),
 * {@code {"s-maxage": 60}} (accept only a stored answer at most this many seconds old),
 * {@code {"namespace": "x"}} (a separate set of entries) and {@code {"use-cache": true}} (opt in when the cache is
 * {@code mode: default_off}; {@code false} opts out otherwise). Values of the wrong type are ignored.
 *
 * @param useCache {@code use-cache}, if given
 */
public record CacheControls(boolean noCache, boolean noStore, Optional<Duration> ttl, Optional<Duration> maxAge,
        Optional<String> namespace, Optional<Boolean> useCache) {

    public static final CacheControls NONE =
            new CacheControls(false, false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** The controls in a {@code cache} field's value; {@link #NONE} for null or anything but an object. */
    public static CacheControls of(JsonNode cache) {
        if (cache == null || !cache.isObject()) {
            return NONE;
        }
        JsonNode useCache = cache.get("use-cache");
        JsonNode namespace = cache.get("namespace");
        return new CacheControls(
                isTrue(cache.get("no-cache")),
                isTrue(cache.get("no-store")),
                seconds(cache.get("ttl")),
                seconds(cache.get("s-maxage")),
                namespace != null && namespace.isTextual() && !namespace.textValue().isEmpty()
                        ? Optional.of(namespace.textValue()) : Optional.empty(),
                useCache != null && useCache.isBoolean() ? Optional.of(useCache.booleanValue()) : Optional.empty());
    }

    /** Whether this request uses the cache at all, given the configured mode. */
    public boolean uses(boolean defaultOff) {
        return defaultOff ? useCache.orElse(false) : useCache.orElse(true);
    }

    private static boolean isTrue(JsonNode value) {
        return value != null && (value.isBoolean() ? value.booleanValue()
                : value.isTextual() && value.textValue().equalsIgnoreCase("true"));
    }

    /** A non-negative number of seconds (whole or fractional), capped at a year. */
    private static Optional<Duration> seconds(JsonNode value) {
        if (value == null || !value.isNumber()) {
            return Optional.empty();
        }
        BigDecimal seconds = value.decimalValue();
        if (seconds.signum() < 0) {
            return Optional.empty();
        }
        BigDecimal year = BigDecimal.valueOf(Duration.ofDays(365).toSeconds());
        if (seconds.compareTo(year) > 0) {
            seconds = year;
        }
        return Optional.of(Duration.ofMillis(seconds.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValue()));
    }
}
