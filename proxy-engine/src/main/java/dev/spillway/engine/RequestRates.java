package dev.spillway.engine;

import dev.spillway.engine.events.RequestEvent;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/** Requests each deployment finished in the last minute, in one-second buckets; fed from the event thread. */
final class RequestRates implements PricedRequestListener {

    private static final int SECONDS = 60;

    private final LongSupplier millis;
    private final Map<String, long[]> counts = new HashMap<>();
    private final Map<String, long[]> stamps = new HashMap<>();

    RequestRates(LongSupplier millis) {
        this.millis = millis;
    }

    @Override
    public void finished(RequestEvent event, BigDecimal costUsd) {
        event.deploymentId().ifPresent(this::count);
    }

    synchronized void count(String deploymentId) {
        long second = millis.getAsLong() / 1000;
        long[] c = counts.computeIfAbsent(deploymentId, id -> new long[SECONDS]);
        long[] s = stamps.computeIfAbsent(deploymentId, id -> new long[SECONDS]);
        int slot = (int) (second % SECONDS);
        if (s[slot] != second) {
            s[slot] = second;
            c[slot] = 0;
        }
        c[slot]++;
    }

    synchronized int perMinute(String deploymentId) {
        long[] c = counts.get(deploymentId);
        if (c == null) {
            return 0;
        }
        long[] s = stamps.get(deploymentId);
        long now = millis.getAsLong() / 1000;
        long sum = 0;
        for (int i = 0; i < SECONDS; i++) {
            if (now - s[i] < SECONDS) {
                sum += c[i];
            }
        }
        return (int) sum;
    }
}
