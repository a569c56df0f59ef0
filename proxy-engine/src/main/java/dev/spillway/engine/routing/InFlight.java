package dev.spillway.engine.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests each deployment is serving right now, for {@code least-busy} routing. A request counts from the moment its
 * upstream call starts until its answer has ended: for a complete answer when it arrives, for a stream when its last
 * event has been relayed (or the stream failed, or was cancelled).
 *
 * <p>The {@code RetryInterceptor} calls {@link #started} before every upstream call and {@link #finished} for every
 * answer except a successful stream; whoever relays a successful stream calls {@link #finished} once when it ends.
 */
public final class InFlight {

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    public void started(String deploymentId) {
        counts.computeIfAbsent(deploymentId, id -> new AtomicInteger()).incrementAndGet();
    }

    /** Ends one request of the deployment; a surplus call is ignored rather than making the count negative. */
    public void finished(String deploymentId) {
        AtomicInteger count = counts.get(deploymentId);
        if (count != null) {
            count.getAndUpdate(n -> Math.max(0, n - 1));
        }
    }

    public int count(String deploymentId) {
        AtomicInteger count = counts.get(deploymentId);
        return count == null ? 0 : count.get();
    }
}
