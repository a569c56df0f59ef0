package dev.spillway.simulators;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The requests a simulator received, handed to tests in arrival order. Thread-safe. */
final class RequestJournal {

    private final BlockingQueue<RecordedRequest> untaken = new LinkedBlockingQueue<>();
    private final AtomicInteger count = new AtomicInteger();

    void record(RecordedRequest request) {
        count.incrementAndGet();
        untaken.add(request);
    }

    /** The oldest request not yet taken, waiting up to {@code timeout}; {@code null} if none arrived in time. */
    RecordedRequest take(Duration timeout) {
        try {
            return untaken.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** All requests received so far, taken or not. */
    int count() {
        return count.get();
    }
}
