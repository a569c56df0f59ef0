package dev.spillway.engine.spend;

import static dev.spillway.engine.spend.SpendFixtures.count;
import static dev.spillway.engine.spend.SpendFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.spillway.engine.events.RequestEvent.Usage;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpendWriterTest {

    private static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");
    /** Not a speed limit: a record() that blocks would wait forever, and this turns that hang into a failure. */
    private static final Duration NEVER_WAITS = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private static SpendRow row(String id) {
        return SpendRow.of(event(id, NOW, "anthropic", "sonnet", 200, false, new Usage(1, 2, 3, 4)),
                new BigDecimal("0.001"), "k");
    }

    private String migratedUrl() {
        String url = SpendStore.defaultJdbcUrl(dir.resolve("data"));
        DataSource ds = new UrlDataSource(url);
        SpendMigrations.migrate(ds);
        return url;
    }

    private static SpendSink sink(String url) throws java.sql.SQLException {
        return new JdbcSpendSink(DriverManager.getConnection(url), java.time.ZoneOffset.UTC);
    }

    /** What a test sink does with a batch. */
    private interface BatchWrite {
        void write(List<SpendRow> rows) throws java.sql.SQLException;
    }

    /** A sink that only writes, as {@code write} says (nothing to delete, nothing to close). */
    private static SpendSink sink(BatchWrite write) {
        return new SpendSink() {
            @Override
            public void write(List<SpendRow> rows) throws java.sql.SQLException {
                write.write(rows);
            }

            @Override
            public int deleteBefore(Instant cutoff) {
                return 0;
            }

            @Override
            public int deleteAll() {
                return 0;
            }

            @Override
            public void close() {}
        };
    }

    @Test
    void aFullQueueDropsAndCountsWithoutBlocking() throws Exception {
        String url = migratedUrl();
        SpendWriter writer = new SpendWriter(sink(url), Clock.systemUTC(), Duration.ofDays(90), 3);
        // The thread is not started: nothing drains the queue.
        int accepted = assertTimeoutPreemptively(NEVER_WAITS, () -> {
            int n = 0;
            for (int i = 0; i < 1000; i++) {
                n += writer.record(row("r" + i)) ? 1 : 0;
            }
            return n;
        }, "record() waited for a queue nobody drains");
        assertThat(accepted).isEqualTo(3);
        assertThat(writer.dropped()).isEqualTo(997);

        writer.close();
        assertThat(writer.written()).isEqualTo(3);
        assertThat(count(url, "SELECT COUNT(*) FROM spend_logs")).isEqualTo(3);
    }

    @Test
    void aSlowDatabaseDoesNotSlowRecording() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger stored = new AtomicInteger();
        SpendSink stuck = sink(rows -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stored.addAndGet(rows.size());
        });
        SpendWriter writer = new SpendWriter(stuck, Clock.systemUTC(), Duration.ofDays(90), 100);
        writer.start();
        writer.record(row("first"));
        SpendFixtures.await(() -> writer.queued() == 0); // the writer is now stuck in write()

        assertTimeoutPreemptively(NEVER_WAITS, () -> {
            for (int i = 0; i < 10_000; i++) {
                writer.record(row("r" + i));
            }
        }, "record() waited for a stalled database");
        assertThat(writer.dropped()).isEqualTo(10_000 - 100);

        release.countDown();
        writer.close();
        assertThat(stored.get()).isEqualTo(101);
    }

    @Test
    void closeStoresEverythingQueued() throws Exception {
        String url = migratedUrl();
        SpendWriter writer = new SpendWriter(sink(url), Clock.systemUTC(), Duration.ofDays(90), 20_000);
        writer.start();
        int n = 5_000; // several batches
        for (int i = 0; i < n; i++) {
            assertThat(writer.record(row("r" + i))).isTrue();
        }
        writer.close();

        assertThat(writer.dropped()).isZero();
        assertThat(count(url, "SELECT COUNT(*) FROM spend_logs")).isEqualTo(n);
        assertThat(count(url, "SELECT SUM(requests) FROM spend_daily")).isEqualTo(n);
        assertThat(count(url, "SELECT SUM(cache_write_tokens) FROM spend_daily")).isEqualTo(4L * n);
    }

    @Test
    void aFailingBatchIsCountedAndTheWriterCarriesOn() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger stored = new AtomicInteger();
        SpendSink flaky = sink(rows -> {
            if (calls.getAndIncrement() == 0) {
                throw new java.sql.SQLException("disk full");
            }
            stored.addAndGet(rows.size());
        });
        SpendWriter writer = new SpendWriter(flaky, Clock.systemUTC(), Duration.ofDays(90), 10);
        writer.start();
        writer.record(row("lost"));
        SpendFixtures.await(() -> writer.failed() == 1);
        writer.record(row("kept"));
        writer.close();
        assertThat(stored.get()).isEqualTo(1);
        assertThat(writer.written()).isEqualTo(1);
    }
}
