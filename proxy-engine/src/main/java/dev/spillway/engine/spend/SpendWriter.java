package dev.spillway.engine.spend;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes spend rows off the request path. {@link #record} only offers to a bounded queue, so it never blocks; when
 * the queue is full the row is dropped and counted. One writer thread stores the queue in batches (when a batch is
 * full, and at least every {@value #FLUSH_INTERVAL_MILLIS} ms), and once a day deletes rows older than the retention
 * period. {@link #close} stores everything still queued before it returns.
 */
final class SpendWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SpendWriter.class);

    static final int DEFAULT_CAPACITY = 10_000;
    static final int BATCH_SIZE = 500;
    static final long FLUSH_INTERVAL_MILLIS = 200;
    private static final Duration RETENTION_INTERVAL = Duration.ofDays(1);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final SpendSink sink;
    private final Clock clock;
    private final Duration retention;
    private final BlockingQueue<SpendRow> queue;
    private final Thread thread;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean closing;
    /** A reset asked for and not yet done; the writer thread does it after storing what was queued before. */
    private final AtomicReference<CompletableFuture<Integer>> pendingReset = new AtomicReference<>();
    private boolean failing;
    private Instant nextRetention = Instant.MIN;

    /**
     * Makes a writer whose thread is not started yet ({@link #start}). It owns {@code sink} and closes it when it
     * stops. A {@code retention} of zero or less keeps rows forever.
     */
    SpendWriter(SpendSink sink, Clock clock, Duration retention, int capacity) {
        this.sink = sink;
        this.clock = clock;
        this.retention = retention;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, "spillway-spend-writer");
        thread.setDaemon(true);
    }

    /**
     * Deletes expired rows now, on the calling thread, then starts the writer thread (which repeats that daily). Call
     * at most once.
     */
    void start() {
        applyRetentionIfDue();
        thread.start();
    }

    /** Queues a row without waiting; returns false (and counts it) if the queue is full or the writer closed. */
    boolean record(SpendRow row) {
        if (!closing && queue.offer(row)) {
            return true;
        }
        if (dropped.getAndIncrement() == 0) {
            log.warn("Spend log queue is full (or the store is closed); spend rows are being dropped, "
                    + "requests are not affected");
        }
        return false;
    }

    /** Rows that were not recorded because the queue was full. */
    long dropped() {
        return dropped.get();
    }

    /** Rows stored. */
    long written() {
        return written.get();
    }

    /** Rows lost because the database refused them. */
    long failed() {
        return failed.get();
    }

    /** Rows waiting to be stored. */
    int queued() {
        return queue.size();
    }

    private void run() {
        List<SpendRow> batch = new ArrayList<>(BATCH_SIZE);
        try {
            boolean more;
            do {
                applyRetentionIfDue();
                queue.drainTo(batch, BATCH_SIZE);
                store(batch);
                batch.clear();
                resetIfAsked(batch);
                more = !closing || !queue.isEmpty();
                if (more && !closing && queue.size() < BATCH_SIZE) {
                    LockSupport.parkNanos(this, FLUSH_INTERVAL_MILLIS * 1_000_000);
                    Thread.interrupted();
                }
            } while (more);
        } finally {
            try {
                sink.close();
            } catch (Exception e) {
                log.warn("Could not close the spend database", e);
            }
        }
    }

    /**
     * Deletes all rows and totals, after storing the rows queued before the reset was asked for (so none of them
     * reappears afterwards). The future completes with the number of rows deleted.
     */
    CompletableFuture<Integer> reset() {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        CompletableFuture<Integer> earlier = pendingReset.getAndSet(done);
        if (earlier != null) {
            done.whenComplete((n, e) -> {
                if (e != null) {
                    earlier.completeExceptionally(e);
                } else {
                    earlier.complete(0);
                }
            });
        }
        if (closing) {
            done.completeExceptionally(new IllegalStateException("the spend store is closed"));
        }
        LockSupport.unpark(thread);
        return done;
    }

    private void resetIfAsked(List<SpendRow> batch) {
        CompletableFuture<Integer> reset = pendingReset.getAndSet(null);
        if (reset == null) {
            return;
        }
        while (queue.drainTo(batch, BATCH_SIZE) > 0) {
            store(batch);
            batch.clear();
        }
        try {
            int deleted = sink.deleteAll();
            log.info("Spend statistics reset: {} rows and all daily totals deleted", deleted);
            reset.complete(deleted);
        } catch (Exception e) {
            log.warn("Could not reset the spend statistics", e);
            reset.completeExceptionally(e);
        }
    }

    private void store(List<SpendRow> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            sink.write(batch);
            written.addAndGet(batch.size());
            if (failing) {
                failing = false;
                log.info("Spend rows are being stored again");
            }
        } catch (Exception e) {
            failed.addAndGet(batch.size());
            if (!failing) {
                failing = true;
                log.warn("Could not store {} spend rows; requests are not affected", batch.size(), e);
            }
        }
    }

    private void applyRetentionIfDue() {
        if (retention.isZero() || retention.isNegative()) {
            return;
        }
        Instant now = clock.instant();
        if (now.isBefore(nextRetention)) {
            return;
        }
        nextRetention = now.plus(RETENTION_INTERVAL);
        try {
            int deleted = sink.deleteBefore(now.minus(retention));
            if (deleted > 0) {
                log.info("Deleted {} spend rows older than {} days (daily totals are kept)", deleted,
                        retention.toDays());
            }
        } catch (Exception e) {
            log.warn("Could not delete old spend rows", e);
        }
    }

    /** Stores everything queued, then stops the thread and closes the sink. */
    @Override
    public synchronized void close() throws InterruptedException {
        closing = true;
        if (thread.getState() == Thread.State.NEW) {
            thread.start();
        }
        LockSupport.unpark(thread);
        thread.join(CLOSE_TIMEOUT.toMillis());
        if (thread.isAlive()) {
            log.warn("The spend writer did not finish within {} s; {} rows still queued",
                    CLOSE_TIMEOUT.toSeconds(), queue.size());
        }
    }
}
