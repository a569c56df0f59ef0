package dev.spillway.engine.routing;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which deployments are resting after failures. A deployment cools down once it has failed more than
 * {@code allowedFails} times within one cooldown period, for the cooldown time or the upstream's
 * {@code retry-after}, whichever is longer. A success clears its count.
 */
public final class Cooldowns {

    private final Ticker ticker;
    private final int allowedFails;
    private final Duration cooldownTime;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    public Cooldowns(Ticker ticker, int allowedFails, Duration cooldownTime) {
        this.ticker = ticker;
        this.allowedFails = allowedFails;
        this.cooldownTime = cooldownTime;
    }

    private record State(int fails, long windowStart, long coolUntil) {
    }

    public boolean isCoolingDown(String deploymentId) {
        return remaining(deploymentId).isPresent();
    }

    /** How long until the deployment is tried again, if it is cooling down. */
    public Optional<Duration> remaining(String deploymentId) {
        State state = states.get(deploymentId);
        if (state == null || state.coolUntil == 0) {
            return Optional.empty();
        }
        long left = state.coolUntil - ticker.read();
        return left > 0 ? Optional.of(Duration.ofNanos(left)) : Optional.empty();
    }

    /**
     * Counts a failure.
     *
     * @return whether this failure started a cooldown
     */
    public boolean recordFailure(String deploymentId, Optional<Duration> retryAfter) {
        if (cooldownTime.isZero()) {
            return false;
        }
        long now = ticker.read();
        long period = Math.max(cooldownTime.toNanos(), retryAfter.map(Duration::toNanos).orElse(0L));
        boolean[] started = {false};
        states.compute(deploymentId, (id, old) -> {
            boolean freshWindow = old == null || now - old.windowStart > cooldownTime.toNanos();
            int fails = freshWindow ? 1 : old.fails + 1;
            long windowStart = freshWindow ? now : old.windowStart;
            if (fails > allowedFails) {
                started[0] = true;
                return new State(0, now, now + period);
            }
            return new State(fails, windowStart, old == null ? 0 : old.coolUntil);
        });
        return started[0];
    }

    public void recordSuccess(String deploymentId) {
        states.remove(deploymentId);
    }
}
