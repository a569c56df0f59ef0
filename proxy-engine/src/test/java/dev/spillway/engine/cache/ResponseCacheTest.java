package dev.spillway.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.engine.config.CacheSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ResponseCacheTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final ResponseCache cache =
            new ResponseCache(new CacheSettings(true, Duration.ofSeconds(600), 3, false, false), now::get);

    private static CachedAnswer answer(String text, Duration ttl) {
        return new CachedAnswer(200, "application/json", text.getBytes(StandardCharsets.UTF_8), false, ttl);
    }

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void anAnswerLivesForItsTtl() {
        cache.put("k", answer("a", Duration.ofSeconds(600)));

        advance(Duration.ofSeconds(599));
        assertThat(cache.get("k")).isPresent();
        advance(Duration.ofSeconds(2));
        assertThat(cache.get("k")).isEmpty();
    }

    @Test
    void eachEntryHasItsOwnTtl() {
        cache.put("short", answer("s", Duration.ofSeconds(5)));
        cache.put("long", answer("l", Duration.ofSeconds(3600)));
        cache.put("default", answer("d", Duration.ofSeconds(600)));

        advance(Duration.ofSeconds(6));
        assertThat(cache.get("short")).isEmpty();
        assertThat(cache.get("default")).isPresent();
        advance(Duration.ofSeconds(600));
        assertThat(cache.get("default")).isEmpty();
        assertThat(cache.get("long")).isPresent();
        advance(Duration.ofSeconds(3000));
        assertThat(cache.get("long")).isEmpty();
    }

    @Test
    void readingDoesNotExtendAnEntrysLife() {
        cache.put("k", answer("a", Duration.ofSeconds(10)));
        advance(Duration.ofSeconds(9));
        assertThat(cache.get("k")).isPresent();
        advance(Duration.ofSeconds(2));
        assertThat(cache.get("k")).isEmpty();
    }

    @Test
    void replacingAnEntryStartsItsTtlAgain() {
        cache.put("k", answer("old", Duration.ofSeconds(10)));
        advance(Duration.ofSeconds(9));
        cache.put("k", answer("new", Duration.ofSeconds(10)));
        advance(Duration.ofSeconds(9));

        assertThat(cache.get("k")).hasValueSatisfying(a -> assertThat(new String(a.body())).isEqualTo("new"));
    }

    @Test
    void maxAgeRefusesOlderEntries() {
        cache.put("k", answer("a", Duration.ofSeconds(600)));
        advance(Duration.ofSeconds(30));

        assertThat(cache.get("k", Optional.of(Duration.ofSeconds(60)))).isPresent();
        assertThat(cache.get("k", Optional.of(Duration.ofSeconds(10)))).isEmpty();
        assertThat(cache.get("k")).as("the entry itself stays").isPresent();
    }

    @Test
    void theNumberOfEntriesIsBounded() {
        for (int i = 0; i < 10; i++) {
            cache.put("k" + i, answer("a" + i, Duration.ofSeconds(600)));
        }

        assertThat(cache.size()).isEqualTo(3);
    }

    @Test
    void failuresAreNeverStored() {
        for (int status : new int[] {199, 400, 429, 500, 529}) {
            cache.put("k" + status, new CachedAnswer(status, "application/json", new byte[] {1}, false,
                    Duration.ofSeconds(60)));
        }

        assertThat(cache.size()).isZero();
    }

    @Test
    void aZeroTtlOrAHugeAnswerIsNotStored() {
        cache.put("zero", answer("a", Duration.ZERO));
        cache.put("huge", new CachedAnswer(200, "application/json", new byte[ResponseCache.MAX_ANSWER_BYTES + 1],
                false, Duration.ofSeconds(60)));

        assertThat(cache.get("zero")).isEmpty();
        assertThat(cache.get("huge")).isEmpty();
    }
}
