package dev.spillway.engine.spend;

import static dev.spillway.engine.spend.SpendFixtures.count;
import static dev.spillway.engine.spend.SpendFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.spillway.engine.events.RequestEvent.Usage;
import dev.spillway.engine.spend.SpendFixtures.MutableClock;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpendStoreTest {

    private static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");

    @TempDir
    Path dir;

    private String url;
    private final MutableClock clock = new MutableClock(NOW);

    @BeforeEach
    void setUp() {
        url = SpendStore.defaultJdbcUrl(dir.resolve("data"));
    }

    private SpendStore open() {
        return SpendStore.open(url, SpendStore.DEFAULT_RETENTION, clock, 1000);
    }

    @Test
    void migrationsCreateTheSchema() throws Exception {
        open().close();

        List<String> columns = new ArrayList<>();
        List<String> indexes = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url)) {
            try (ResultSet r = c.getMetaData().getColumns(null, "PUBLIC", "SPEND_LOGS", null)) {
                while (r.next()) {
                    columns.add(r.getString("COLUMN_NAME").toLowerCase());
                }
            }
            try (ResultSet r = c.getMetaData().getIndexInfo(null, "PUBLIC", "SPEND_LOGS", false, false)) {
                while (r.next()) {
                    indexes.add(r.getString("INDEX_NAME").toLowerCase());
                }
            }
        }
        assertThat(columns).contains("request_id", "time", "caller", "requested_model", "model_group",
                "deployment_id", "provider", "upstream_model", "status", "stream", "latency_ms", "ttft_ms",
                "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "cost_usd",
                "fallback_taken", "cache_hit", "error");
        assertThat(indexes).contains("spend_logs_time");
        assertThat(count(url, "SELECT COUNT(*) FROM spend_daily")).isZero();
        assertThat(count(url, "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\""))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void rowsLandWithExactTokensAndCostsAfterClose() throws Exception {
        SpendStore store = open();
        store.record(event("r1", NOW, "anthropic", "sonnet", 200, false, new Usage(100, 20, 3000, 400)), 0.0123,
                "key-a");
        store.record(event("r2", NOW.plusSeconds(1), "bedrock", "sonnet", 200, true, new Usage(7, 8, 0, 0)),
                0.000105, null);
        store.close();

        try (SpendStore reopened = open()) {
            List<SpendRow> rows = reopened.recent(10);
            assertThat(rows).extracting(SpendRow::requestId).containsExactly("r2", "r1");
            SpendRow plain = rows.get(1);
            assertThat(plain.caller()).isEqualTo("key-a");
            assertThat(plain.time()).isEqualTo(NOW);
            assertThat(plain.stream()).isFalse();
            assertThat(plain.ttftMs()).isNull();
            assertThat(plain.latencyMs()).isEqualTo(1234);
            assertThat(List.of(plain.inputTokens(), plain.outputTokens(), plain.cacheReadTokens(),
                    plain.cacheWriteTokens())).containsExactly(100L, 20L, 3000L, 400L);
            assertThat(plain.costUsd()).isEqualByComparingTo("0.0123");
            assertThat(plain.provider()).isEqualTo("anthropic");
            assertThat(plain.modelGroup()).isEqualTo("sonnet");
            assertThat(plain.deploymentId()).isEqualTo("sonnet-dep");
            assertThat(plain.upstreamModel()).isEqualTo("sonnet-upstream");
            SpendRow streamed = rows.get(0);
            assertThat(streamed.caller()).isNull();
            assertThat(streamed.stream()).isTrue();
            assertThat(streamed.ttftMs()).isEqualTo(321);
            assertThat(streamed.costUsd()).isEqualByComparingTo("0.000105");
            assertThat(streamed.inputTokens() + streamed.outputTokens()).isEqualTo(15);

            Totals totals = reopened.totals(NOW.minusSeconds(60));
            assertThat(totals.requests()).isEqualTo(2);
            assertThat(totals.totalTokens()).isEqualTo(3535);
            assertThat(totals.costUsd()).isEqualByComparingTo("0.012405");
            assertThat(reopened.totals(NOW.plusSeconds(1)).requests()).isEqualTo(1);
        }
    }

    @Test
    void rowsAreWrittenWithoutClosing() throws Exception {
        try (SpendStore store = open()) {
            store.record(event("r1", NOW, "anthropic", "sonnet", 200, false, new Usage(1, 2, 0, 0)), 0.01, "k");
            SpendFixtures.await(() -> store.written() == 1);
            assertThat(store.recent(5)).hasSize(1);
        }
    }

    @Test
    void reopeningKeepsDataAndAppliesNoMigrationTwice() throws Exception {
        for (int i = 0; i < 3; i++) {
            try (SpendStore store = open()) {
                store.record(event("r" + i, NOW, "anthropic", "sonnet", 200, false, new Usage(10, 1, 0, 0)), 0.5,
                        "k");
            }
        }
        assertThat(count(url, "SELECT COUNT(*) FROM spend_logs")).isEqualTo(3);
        assertThat(count(url, "SELECT requests FROM spend_daily")).isEqualTo(3);
        assertThat(count(url, "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '1'"))
                .isEqualTo(1);
    }

    @Test
    void retentionAtStartupDeletesOldRowsButKeepsDailyTotals() throws Exception {
        try (SpendStore store = open()) {
            store.record(event("old", NOW.minus(Duration.ofDays(100)), "anthropic", "sonnet", 200, false,
                    new Usage(10, 5, 0, 0)), 1.25, "k");
            store.record(event("new", NOW.minus(Duration.ofDays(1)), "anthropic", "sonnet", 200, false,
                    new Usage(1, 1, 0, 0)), 0.5, "k");
        }
        assertThat(count(url, "SELECT COUNT(*) FROM spend_logs")).isEqualTo(2);

        try (SpendStore store = open()) {
            assertThat(store.recent(10)).extracting(SpendRow::requestId).containsExactly("new");
            LocalDate oldDay = LocalDate.of(2024, 11, 30);
            assertThat(store.dailySpend(oldDay, oldDay, GroupBy.PROVIDER))
                    .extracting(DailySpend::key, DailySpend::requests, DailySpend::totalTokens, DailySpend::costUsd)
                    .containsExactly(tuple("anthropic", 1L, 15L, new BigDecimal("1.25")));
        }
    }

    @Test
    void theWriterAppliesRetentionDaily() throws Exception {
        try (SpendStore store = open()) {
            store.record(event("aging", NOW.minus(Duration.ofDays(89)), "anthropic", "sonnet", 200, false,
                    new Usage(1, 1, 0, 0)), 0.1, null);
            SpendFixtures.await(() -> store.written() == 1);
            clock.advance(Duration.ofDays(2));
            SpendFixtures.await(() -> store.recent(1).isEmpty());
            LocalDate day = LocalDate.ofInstant(NOW.minus(Duration.ofDays(89)), ZoneId.of("UTC"));
            assertThat(store.dailySpend(day, day, GroupBy.CALLER)).extracting(DailySpend::key, DailySpend::requests)
                    .containsExactly(tuple("", 1L));
        }
    }

    @Test
    void dailySpendGroupsByProviderModelAndCaller() throws Exception {
        Instant day1 = Instant.parse("2025-03-08T10:00:00Z");
        Instant day2 = Instant.parse("2025-03-09T23:30:00Z");
        try (SpendStore store = open()) {
            store.record(event("a", day1, "anthropic", "sonnet", 200, false, new Usage(100, 10, 0, 0)), 1.0, "k1");
            store.record(event("b", day1, "bedrock", "sonnet", 200, true, new Usage(200, 20, 0, 0)), 2.0, "k2");
            store.record(event("c", day1, "anthropic", "haiku", 529, false, Usage.NONE), 0.0, "k1");
            store.record(event("d", day2, "anthropic", "haiku", 200, false, new Usage(1, 1, 1, 1)), 0.25, "k1");
        }
        try (SpendStore store = open()) {
            LocalDate from = LocalDate.of(2025, 3, 8);
            LocalDate to = LocalDate.of(2025, 3, 9);
            assertThat(store.dailySpend(from, to, GroupBy.PROVIDER))
                    .extracting(DailySpend::day, DailySpend::key, DailySpend::requests, DailySpend::failedRequests,
                            DailySpend::inputTokens, DailySpend::costUsd)
                    .containsExactly(
                            tuple(from, "anthropic", 2L, 1L, 100L, new BigDecimal("1")),
                            tuple(from, "bedrock", 1L, 0L, 200L, new BigDecimal("2")),
                            tuple(to, "anthropic", 1L, 0L, 1L, new BigDecimal("0.25")));
            assertThat(store.dailySpend(from, to, GroupBy.MODEL))
                    .extracting(DailySpend::day, DailySpend::key, DailySpend::requests, DailySpend::totalTokens)
                    .containsExactly(
                            tuple(from, "haiku", 1L, 0L),
                            tuple(from, "sonnet", 2L, 330L),
                            tuple(to, "haiku", 1L, 4L));
            assertThat(store.dailySpend(from, from, GroupBy.CALLER))
                    .extracting(DailySpend::key, DailySpend::requests, DailySpend::costUsd)
                    .containsExactly(tuple("k1", 2L, new BigDecimal("1")), tuple("k2", 1L, new BigDecimal("2")));
            assertThat(store.dailySpend(to.plusDays(1), to.plusDays(5), GroupBy.CALLER)).isEmpty();
        }
    }

    @Test
    void daysAreCountedInTheClocksZone() throws Exception {
        MutableClock pacific = new MutableClock(NOW, ZoneId.of("America/Los_Angeles"));
        try (SpendStore store = SpendStore.open(url, SpendStore.DEFAULT_RETENTION, pacific, 100)) {
            // 03:00 UTC on the 9th is still the 8th in Los Angeles.
            store.record(event("a", Instant.parse("2025-03-09T03:00:00Z"), "anthropic", "sonnet", 200, false,
                    Usage.NONE), 0.0, null);
        }
        try (SpendStore store = open()) {
            assertThat(store.dailySpend(LocalDate.of(2025, 3, 8), LocalDate.of(2025, 3, 9), GroupBy.PROVIDER))
                    .extracting(DailySpend::day).containsExactly(LocalDate.of(2025, 3, 8));
        }
    }

    @Test
    void recordingAfterCloseDropsInsteadOfFailing() throws Exception {
        SpendStore store = open();
        store.close();
        assertThat(store.record(event("late", NOW, "anthropic", "sonnet", 200, false, Usage.NONE), 0, null))
                .isFalse();
        assertThat(store.dropped()).isEqualTo(1);
    }

    @Test
    void resetDeletesRowsAndDailyTotalsIncludingRowsStillQueued() throws Exception {
        try (SpendStore store = open()) {
            for (int i = 0; i < 50; i++) {
                store.record(event("r" + i, NOW, "anthropic", "sonnet", 200, false, new Usage(10, 5, 0, 0)), 0.01,
                        "caller");
            }

            assertThat(store.reset(Duration.ofSeconds(10))).isEqualTo(50);

            assertThat(store.totals(LocalDate.of(2025, 3, 10), LocalDate.of(2025, 3, 10))).isEqualTo(Totals.NONE);
            assertThat(count(url, "SELECT COUNT(*) FROM spend_logs")).isZero();
            assertThat(count(url, "SELECT COUNT(*) FROM spend_daily")).isZero();

            store.record(event("after", NOW, "bedrock", "sonnet", 200, false, new Usage(1, 1, 0, 0)), 0.5, null);
            SpendFixtures.await(() -> store.written() == 51);
            Totals after = store.totals(LocalDate.of(2025, 3, 10), LocalDate.of(2025, 3, 10));
            assertThat(after.requests()).isEqualTo(1);
            assertThat(after.costUsd()).isEqualByComparingTo("0.5");
        }
    }
}
