package dev.spillway.engine.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.spillway.engine.config.CacheSettings;
import java.time.Duration;
import java.util.Optional;

/**
 * The answers kept in memory, by {@linkplain CacheKeys cache key}: at most {@code maxEntries} (the least recently
 * used go first), each for its own time to live. Thread-safe.
 */
public final class ResponseCache {

    /** The largest answer stored; a longer one is relayed but not kept. */
    public static final int MAX_ANSWER_BYTES = 8 * 1024 * 1024;

    /** An answer and when it was stored, on the cache's ticker. */
    private record Stored(CachedAnswer answer, long storedAtNanos) {
    }

    private final Cache<String, Stored> entries;
    private final Ticker ticker;
    private final CacheSettings settings;

    public ResponseCache(CacheSettings settings) {
        this(settings, Ticker.systemTicker());
    }

    /** A cache reading time from {@code ticker}; tests pass a fake one. */
    public ResponseCache(CacheSettings settings, Ticker ticker) {
        this.settings = settings;
        this.ticker = ticker;
        this.entries = Caffeine.newBuilder()
                .maximumSize(settings.maxEntries())
                .expireAfter(Expiry.writing((String key, Stored stored) -> stored.answer().ttl()))
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
    }

    public CacheSettings settings() {
        return settings;
    }

    /**
     * The answer stored under {@code key}, if it has not expired and, when {@code maxAge} is given, is no older than
     * that.
     */
    public Optional<CachedAnswer> get(String key, Optional<Duration> maxAge) {
        Stored stored = entries.getIfPresent(key);
        if (stored == null) {
            return Optional.empty();
        }
        if (maxAge.isPresent() && ticker.read() - stored.storedAtNanos() > maxAge.get().toNanos()) {
            return Optional.empty();
        }
        return Optional.of(stored.answer());
    }

    public Optional<CachedAnswer> get(String key) {
        return get(key, Optional.empty());
    }

    /** Stores {@code answer} (replacing what {@code key} held) unless it is not a success or is too large. */
    public void put(String key, CachedAnswer answer) {
        if (answer.status() < 200 || answer.status() >= 300 || answer.body().length > MAX_ANSWER_BYTES
                || answer.ttl().isZero() || answer.ttl().isNegative()) {
            return;
        }
        entries.put(key, new Stored(answer, ticker.read()));
    }

    /** The number of entries, after dropping expired and surplus ones. */
    public long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    public void clear() {
        entries.invalidateAll();
    }
}
