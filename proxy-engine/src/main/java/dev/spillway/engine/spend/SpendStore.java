package dev.spillway.engine.spend;

import dev.spillway.engine.events.RequestEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Spillway's record of what each request cost: an H2 database whose schema Flyway migrations manage, written off the
 * request path by a {@link SpendWriter}, with the queries the dashboard needs.
 *
 * <p>{@link #record} never blocks: rows go into a bounded queue and a writer thread stores them in batches. Rows
 * older than the retention period are deleted at startup and daily; the per-day totals in {@code spend_daily} are
 * kept. Days are counted in the time zone of the store's clock (the system zone unless one is given).
 */
public final class SpendStore implements AutoCloseable {

    /** How many rows may wait for the writer by default. */
    public static final int DEFAULT_QUEUE_CAPACITY = SpendWriter.DEFAULT_CAPACITY;

    /** Default retention ({@code general_settings.spend_retention_days}). */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(90);

    private final SpendWriter writer;
    private final SpendQueries queries;
    private final ZoneId zone;

    private SpendStore(SpendWriter writer, SpendQueries queries, ZoneId zone) {
        this.writer = writer;
        this.queries = queries;
        this.zone = zone;
    }

    /**
     * Opens (creating or upgrading) the database at {@code jdbcUrl}, counting days in the system time zone; see
     * {@link #open(String, Duration, Clock, int)}.
     */
    public static SpendStore open(String jdbcUrl, Duration retention) {
        return open(jdbcUrl, retention, Clock.systemDefaultZone(), DEFAULT_QUEUE_CAPACITY);
    }

    /**
     * Opens the database at {@code jdbcUrl} (credentials, if any, in the URL), applies pending migrations, deletes rows
     * older than {@code retention} (zero or less keeps them forever) and starts the writer.
     *
     * @param clock decides "now" for retention and, by its zone, which day a request counts for
     * @param queueCapacity how many rows may wait for the writer before new ones are dropped
     * @throws SpendStoreException if the database cannot be opened or migrated (e.g. another process has it open)
     */
    public static SpendStore open(String jdbcUrl, Duration retention, Clock clock, int queueCapacity) {
        DataSource dataSource = new UrlDataSource(jdbcUrl);
        try {
            SpendMigrations.migrate(dataSource);
        } catch (RuntimeException e) {
            throw new SpendStoreException("Could not prepare the spend database " + dataSource + ": "
                    + e.getMessage(), e);
        }
        SpendSink sink;
        try {
            Connection connection = dataSource.getConnection();
            sink = new JdbcSpendSink(connection, clock.getZone());
        } catch (SQLException e) {
            throw new SpendStoreException("Could not open the spend database " + dataSource + ": "
                    + e.getMessage(), e);
        }
        SpendWriter writer = new SpendWriter(sink, clock, retention, queueCapacity);
        writer.start();
        return new SpendStore(writer, new SpendQueries(dataSource), clock.getZone());
    }

    /**
     * The JDBC URL of the H2 database {@code spillway} in {@code dataDirectory}, which is created (owner-only on
     * POSIX) if missing.
     *
     * @throws UncheckedIOException if the directory cannot be created
     */
    public static String defaultJdbcUrl(Path dataDirectory) {
        Path dir;
        try {
            dir = DataDirectory.ensure(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the data directory " + dataDirectory, e);
        }
        // AUTO_SERVER=FALSE: one process owns the file. DB_CLOSE_ON_EXIT=FALSE: H2's own shutdown hook must not close
        // the database before close() has stored the queued rows.
        return "jdbc:h2:file:" + dir.resolve("spillway") + ";AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE"
                + ";LOCK_TIMEOUT=10000";
    }

    /** The user's Spillway data directory on this machine (not created). */
    public static Path defaultDataDirectory() {
        return DataDirectory.forCurrentUser();
    }

    /**
     * {@code %APPDATA%\Spillway} on Windows, {@code ~/Library/Application Support/Spillway} on macOS,
     * {@code $XDG_DATA_HOME/spillway} or {@code ~/.local/share/spillway} elsewhere.
     */
    public static Path defaultDataDirectory(String osName, Map<String, String> env, Path home) {
        return DataDirectory.forUser(osName, env, home);
    }

    /**
     * Queues a request's row without waiting.
     *
     * @param caller the hashed key or user id, or null
     * @return false if the row was dropped because the queue was full
     */
    public boolean record(RequestEvent event, double costUsd, String caller) {
        return record(SpendRow.of(event, BigDecimal.valueOf(costUsd), caller));
    }

    /** Queues a row without waiting; false if it was dropped because the queue was full. */
    public boolean record(SpendRow row) {
        return writer.record(row);
    }

    /** Rows dropped because the queue was full (a metric). */
    public long dropped() {
        return writer.dropped();
    }

    /** Rows lost because the database refused them (a metric). */
    public long failed() {
        return writer.failed();
    }

    /** Rows stored since the store was opened. */
    public long written() {
        return writer.written();
    }

    /** The zone whose days {@link #dailySpend} counts in. */
    public ZoneId zone() {
        return zone;
    }

    /**
     * Spend per day from {@code from} to {@code to} (both included), split by provider, model group or caller,
     * ordered by day and key. Comes from the daily totals, so it covers days whose rows retention has deleted.
     */
    public List<DailySpend> dailySpend(LocalDate from, LocalDate to, GroupBy by) {
        try {
            return queries.dailySpend(from, to, by);
        } catch (SQLException e) {
            throw new SpendStoreException("Could not read daily spend: " + e.getMessage(), e);
        }
    }

    /** {@link #dailySpend(LocalDate, LocalDate, GroupBy)} for the requests {@code filter} covers. */
    public List<DailySpend> dailySpend(LocalDate from, LocalDate to, GroupBy by, SpendFilter filter) {
        try {
            return queries.dailySpend(from, to, by, filter);
        } catch (SQLException e) {
            throw new SpendStoreException("Could not read daily spend: " + e.getMessage(), e);
        }
    }

    /**
     * Spend from {@code from} to {@code to} (both included) per value of {@code by}, broken down by {@code detail},
     * largest first. Comes from the daily totals, so it covers days whose rows retention has deleted.
     */
    public List<SpendTotal> totals(LocalDate from, LocalDate to, GroupBy by, GroupBy detail, SpendFilter filter) {
        try {
            return queries.totals(from, to, by, detail, filter);
        } catch (SQLException e) {
            throw new SpendStoreException("Could not read spend totals: " + e.getMessage(), e);
        }
    }

    /** The rows {@code filter} covers of requests that arrived in {@code [from, to)}, newest first. */
    public List<SpendRow> between(Instant from, Instant to, int limit, SpendFilter filter) {
        try {
            return queries.between(from, to, limit, filter);
        } catch (SQLException e) {
            throw new SpendStoreException("Could not read spend logs: " + e.getMessage(), e);
        }
    }

    /** Requests, tokens and cost of the stored rows since {@code since} (rows within the retention period). */
    public Totals totals(Instant since) {
        try {
            return queries.totals(since);
        } catch (SQLException e) {
            throw new SpendStoreException("Could not read spend totals: " + e.getMessage(), e);
        }
    }

    /** Requests, tokens and cost of the days from {@code from} to {@code to} (both included), from the daily totals. */
    public Totals totals(LocalDate from, LocalDate to) {
        try {
            return queries.dailyTotals(from, to);
        } catch (SQLException e) {
            throw new SpendStoreException("Could not read spend totals: " + e.getMessage(), e);
        }
    }

    /**
     * Deletes every stored row and daily total, once the rows queued before this call are stored (so none of them
     * reappears), and waits up to {@code timeout} for it.
     *
     * @return the number of request rows deleted
     * @throws SpendStoreException if the database refused, or it took longer than {@code timeout}
     */
    public int reset(Duration timeout) throws InterruptedException {
        try {
            return writer.reset().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new SpendStoreException("Could not reset the spend statistics: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new SpendStoreException("Resetting the spend statistics took longer than " + timeout.toSeconds()
                    + " s", e);
        }
    }

    /** The latest {@code limit} rows, newest first. */
    public List<SpendRow> recent(int limit) {
        try {
            return queries.recent(limit);
        } catch (SQLException e) {
            throw new SpendStoreException("Could not read recent spend: " + e.getMessage(), e);
        }
    }

    /** The rows of requests that arrived in {@code [from, to)}, newest first, at most {@code limit}. */
    public List<SpendRow> between(Instant from, Instant to, int limit) {
        try {
            return queries.between(from, to, limit);
        } catch (SQLException e) {
            throw new SpendStoreException("Could not read spend logs: " + e.getMessage(), e);
        }
    }

    /** Stores every queued row, then closes the database. Rows recorded after this are dropped. */
    @Override
    public void close() throws InterruptedException {
        writer.close();
    }
}
