package dev.spillway.engine.routing;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exponentially weighted moving average of each deployment's time to answer (for a stream: to its first event), for
 * {@code latency-based-routing}. Each new sample weighs {@value #ALPHA}. An average not updated for an hour is
 * forgotten, so a deployment that was slow once gets measured again instead of being avoided for good.
 */
final class Latencies {

    static final double ALPHA = 0.3;
    static final long FORGET_AFTER_NANOS = 3_600_000_000_000L;

    private record Average(double nanos, long updatedAt) {
    }

    private final Ticker ticker;
    private final Map<String, Average> averages = new ConcurrentHashMap<>();

    Latencies(Ticker ticker) {
        this.ticker = ticker;
    }

    void record(String deploymentId, long nanos) {
        long now = ticker.read();
        averages.merge(deploymentId, new Average(nanos, now), (old, sample) -> isStale(old, now)
                ? sample
                : new Average(old.nanos + ALPHA * (sample.nanos - old.nanos), now));
    }

    /** The average in nanoseconds; empty if the deployment has not answered within the last hour. */
    OptionalDouble average(String deploymentId) {
        Average average = averages.get(deploymentId);
        return average == null || isStale(average, ticker.read()) ? OptionalDouble.empty()
                : OptionalDouble.of(average.nanos);
    }

    private static boolean isStale(Average average, long now) {
        return now - average.updatedAt > FORGET_AFTER_NANOS;
    }
}
