package dev.spillway.engine.config;

import java.time.Duration;

/**
 * The response cache: {@code litellm_settings.cache} and {@code cache_params}.
 *
 * @param enabled {@code cache: true}
 * @param ttl how long an answer is kept ({@code cache_params.ttl}, default 600 s); a request's own
 *     {@code cache: {ttl: N}} overrides it for its entry
 * @param maxEntries the most answers kept ({@code cache_params.max_entries}, a Spillway extension; default 1000);
 *     the least recently used go first
 * @param defaultOff {@code cache_params.mode: default_off}: only requests that send {@code cache: {use-cache: true}}
 *     use the cache
 * @param shared {@code cache_params.shared: true} (a Spillway extension): answers are served to every caller, not only
 *     to the one whose request produced them
 */
public record CacheSettings(boolean enabled, Duration ttl, int maxEntries, boolean defaultOff, boolean shared) {

    public static final Duration DEFAULT_TTL = Duration.ofSeconds(600);
    public static final int DEFAULT_MAX_ENTRIES = 1000;

    public CacheSettings {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the cache ttl must be positive");
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("the cache needs room for at least one entry");
        }
    }

    /** No cache. */
    public static CacheSettings disabled() {
        return new CacheSettings(false, DEFAULT_TTL, DEFAULT_MAX_ENTRIES, false, false);
    }
}
