package dev.spillway.engine.routing;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests started and tokens used per deployment over the last minute, and the {@code rpm} / {@code tpm} limits they
 * run into. Requests are counted when they start; tokens when the answer has reported them.
 */
final class MinuteUsage {

    private final Ticker ticker;
    private final Map<String, SlidingWindow> requests = new ConcurrentHashMap<>();
    private final Map<String, SlidingWindow> tokens = new ConcurrentHashMap<>();

    MinuteUsage(Ticker ticker) {
        this.ticker = ticker;
    }

    /**
     * Counts a request towards the deployment's {@code rpm}, unless it is at its {@code rpm} or {@code tpm}.
     *
     * @return whether the request may start
     */
    boolean tryStart(Deployment deployment) {
        RoutingParams params = deployment.routing();
        if (!params.hasLimits()) {
            return true;
        }
        long now = ticker.read();
        if (params.tpm().isPresent() && tokensUsed(deployment.id(), now) >= params.tpm().getAsLong()) {
            return false;
        }
        if (params.rpm().isEmpty()) {
            return true;
        }
        return window(requests, deployment.id()).tryAdd(now, 1, params.rpm().getAsLong());
    }

    void recordTokens(String deploymentId, long used) {
        if (used > 0) {
            window(tokens, deploymentId).add(ticker.read(), used);
        }
    }

    long tokensUsed(String deploymentId) {
        return tokensUsed(deploymentId, ticker.read());
    }

    /** Which limits the deployment is at, and when it may take a request again; empty if it may now. */
    Optional<LimitReached> limitReached(Deployment deployment) {
        RoutingParams params = deployment.routing();
        if (!params.hasLimits()) {
            return Optional.empty();
        }
        long now = ticker.read();
        EnumSet<Limit> reached = EnumSet.noneOf(Limit.class);
        long wait = 0;
        if (params.rpm().isPresent()) {
            long rpmWait = nanosUntilBelow(requests, deployment.id(), now, params.rpm().getAsLong());
            if (rpmWait > 0) {
                reached.add(Limit.RPM);
                wait = rpmWait;
            }
        }
        if (params.tpm().isPresent()) {
            long tpmWait = nanosUntilBelow(tokens, deployment.id(), now, params.tpm().getAsLong());
            if (tpmWait > 0) {
                reached.add(Limit.TPM);
                wait = Math.max(wait, tpmWait);
            }
        }
        return reached.isEmpty() ? Optional.empty() : Optional.of(new LimitReached(reached, Duration.ofNanos(wait)));
    }

    private long tokensUsed(String deploymentId, long now) {
        SlidingWindow window = tokens.get(deploymentId);
        return window == null ? 0 : window.total(now);
    }

    private static long nanosUntilBelow(Map<String, SlidingWindow> windows, String id, long now, long limit) {
        SlidingWindow window = windows.get(id);
        return window == null ? 0 : window.nanosUntilBelow(now, limit);
    }

    private static SlidingWindow window(Map<String, SlidingWindow> windows, String id) {
        return windows.computeIfAbsent(id, k -> new SlidingWindow());
    }
}
