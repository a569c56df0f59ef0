package dev.spillway.engine;

import dev.spillway.engine.spend.DailySpend;
import dev.spillway.engine.spend.GroupBy;
import dev.spillway.engine.spend.SpendRow;
import dev.spillway.engine.spend.SpendStore;
import dev.spillway.engine.spend.Totals;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Read access to the spend store for charts, and its reset. Queries go to the H2 database: call them off the JavaFX
 * application thread.
 */
public final class SpendHistory {

    private static final LocalDate EPOCH = LocalDate.of(2000, 1, 1);
    private static final Duration RESET_TIMEOUT = Duration.ofSeconds(30);

    private final SpendStore store;
    private final List<Runnable> afterReset = new CopyOnWriteArrayList<>();

    SpendHistory(SpendStore store) {
        this.store = store;
    }

    /** Runs {@code action} after each reset (to clear in-memory figures). */
    void onReset(Runnable action) {
        afterReset.add(action);
    }

    /** The zone whose days the store counts in. */
    public ZoneId zone() {
        return store.zone();
    }

    /** Today, in the store's zone. */
    public LocalDate today() {
        return LocalDate.now(store.zone());
    }

    /** Spend and tokens per day from {@code from} to {@code to} (both included), split by provider, group or caller. */
    public List<DailySpend> daily(LocalDate from, LocalDate to, GroupBy by) {
        return store.dailySpend(from, to, by);
    }

    /** Totals of the days from {@code from} to {@code to}, both included. */
    public Totals totals(LocalDate from, LocalDate to) {
        return store.totals(from, to);
    }

    /** Totals of everything recorded (until the last reset). */
    public Totals allTime() {
        return store.totals(EPOCH, today().plusDays(1));
    }

    /** The latest {@code limit} requests stored, newest first (rows within the retention period). */
    public List<SpendRow> recent(int limit) {
        return store.recent(limit);
    }

    /**
     * Deletes all spend rows and daily totals; today's in-memory counters and the dashboard's recent requests start
     * from zero again. Prometheus counters are not reset (they only ever grow).
     *
     * @return the number of request rows deleted
     * @throws dev.spillway.engine.spend.SpendStoreException if the database refused
     */
    public int reset() throws InterruptedException {
        int deleted = store.reset(RESET_TIMEOUT);
        afterReset.forEach(Runnable::run);
        return deleted;
    }
}
