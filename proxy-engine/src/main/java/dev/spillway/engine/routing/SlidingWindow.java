package dev.spillway.engine.routing;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Amounts (requests, tokens) added over the last minute: each addition counts for 60 s. Additions made within one
 * second of each other share an entry and leave the window together, with the last of them; so a window holds at most
 * about 60 entries at any rate, never lets a limit be exceeded, and may say to wait up to a second longer than an
 * exact count would. Thread-safe.
 */
public final class SlidingWindow {

    public static final long MINUTE_NANOS = 60_000_000_000L;
    private static final long SPAN_NANOS = 1_000_000_000L;

    /** Additions from {@code firstAt} to {@code lastAt} (at most a second apart). */
    private static final class Entry {
        final long firstAt;
        long lastAt;
        long amount;

        Entry(long at, long amount) {
            this.firstAt = at;
            this.lastAt = at;
            this.amount = amount;
        }
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long total;

    public synchronized void add(long now, long amount) {
        evict(now);
        Entry newest = entries.peekLast();
        if (newest != null && now - newest.firstAt < SPAN_NANOS) {
            newest.lastAt = now;
            newest.amount += amount;
        } else {
            entries.addLast(new Entry(now, amount));
        }
        total += amount;
    }

    /** Adds {@code amount} only if the window's total is below {@code limit}. */
    public synchronized boolean tryAdd(long now, long amount, long limit) {
        if (total(now) >= limit) {
            return false;
        }
        add(now, amount);
        return true;
    }

    public synchronized long total(long now) {
        evict(now);
        return total;
    }

    /** Nanoseconds until the total drops below {@code limit}; 0 if it is below now. */
    public synchronized long nanosUntilBelow(long now, long limit) {
        evict(now);
        long remaining = total;
        Iterator<Entry> oldestFirst = entries.iterator();
        while (remaining >= limit && oldestFirst.hasNext()) {
            Entry entry = oldestFirst.next();
            remaining -= entry.amount;
            if (remaining < limit) {
                return entry.lastAt + MINUTE_NANOS - now;
            }
        }
        return 0;
    }

    /** How many entries the window holds now, for tests of its memory bound. */
    synchronized int entryCount(long now) {
        evict(now);
        return entries.size();
    }

    private void evict(long now) {
        while (!entries.isEmpty() && now - entries.peekFirst().lastAt >= MINUTE_NANOS) {
            total -= entries.pollFirst().amount;
        }
    }
}
