package dev.spillway.engine.routing;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    private volatile Listener listener = (id, status) -> { };

    public Cooldowns(Ticker ticker, int allowedFails, Duration cooldownTime) {
        this.ticker = ticker;
        this.allowedFails = allowedFails;
        this.cooldownTime = cooldownTime;
    }

    /** Failures counted in the current window, and the end of the cooldown if one was started. */
    private record State(int fails, long windowStart, boolean cooled, long coolUntil) {

        boolean coolingAt(long now) {
            return cooled && coolUntil - now > 0;
        }
    }

    public boolean isCoolingDown(String deploymentId) {
        return remaining(deploymentId).isPresent();
    }

    /** How long until the deployment is tried again, if it is cooling down. */
    public Optional<Duration> remaining(String deploymentId) {
        State state = states.get(deploymentId);
        long now = ticker.read();
        if (state == null || !state.coolingAt(now)) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(state.coolUntil - now));
    }

    /**
     * Counts a failure.
     *
     * @return whether this failure started a cooldown (false when it only extended one)
     */
    public boolean recordFailure(String deploymentId, Optional<Duration> retryAfter) {
        return recordFailure(deploymentId, retryAfter, 0);
    }

    /**
     * Counts a failure with the status that caused it, which a cooldown that starts is reported with.
     *
     * @return whether this failure started a cooldown
     */
    public boolean recordFailure(String deploymentId, Optional<Duration> retryAfter, int status) {
        boolean started = startsCooldown(deploymentId, retryAfter);
        if (started) {
            listener.cooldownStarted(deploymentId, status);
        }
        return started;
    }

    /** Told when a deployment starts to cool down (e.g. to count it in metrics); must return quickly. */
    @FunctionalInterface
    public interface Listener {
        void cooldownStarted(String deploymentId, int status);

        /**
         * Told when a success clears a deployment that had failed (so possibly cooled down) before; called on the
         * request's thread, so it must return at once.
         */
        default void recovered(String deploymentId) {
        }
    }

    /** Sets who is told when a cooldown starts. */
    public void setListener(Listener newListener) {
        this.listener = newListener;
    }

    private boolean startsCooldown(String deploymentId, Optional<Duration> retryAfter) {
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
            boolean wasCooling = old != null && old.coolingAt(now);
            if (fails > allowedFails) {
                started[0] = !wasCooling;
                long until = wasCooling && old.coolUntil - (now + period) > 0 ? old.coolUntil : now + period;
                return new State(0, now, true, until);
            }
            return wasCooling ? new State(fails, windowStart, true, old.coolUntil) : new State(fails, windowStart, false, 0);
        });
        return started[0];
    }

    public void recordSuccess(String deploymentId) {
        if (states.remove(deploymentId) != null) {
            listener.recovered(deploymentId);
        }
    }

    public int allowedFails() {
        return allowedFails;
    }

    public Duration cooldownTime() {
        return cooldownTime;
    }

    /** Forgets every deployment but {@code deploymentIds} (after a reload removed or changed the others). */
    public void retainOnly(Set<String> deploymentIds) {
        states.keySet().retainAll(deploymentIds);
    }

    /**
     * Cooldowns with other settings that carry on the failures and cooldowns {@code this} has for
     * {@code deploymentIds}, on the same ticker and with the same listener.
     */
    public Cooldowns reconfigured(int newAllowedFails, Duration newCooldownTime, Set<String> deploymentIds) {
        Cooldowns next = new Cooldowns(ticker, newAllowedFails, newCooldownTime);
        states.forEach((id, state) -> {
            if (deploymentIds.contains(id)) {
                next.states.put(id, state);
            }
        });
        next.listener = listener;
        return next;
    }
}
