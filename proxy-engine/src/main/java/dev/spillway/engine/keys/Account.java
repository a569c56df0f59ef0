package dev.spillway.engine.keys;

import dev.spillway.engine.routing.SlidingWindow;
import java.time.Instant;
import java.util.Optional;

/**
 * The running totals of one key or user: spend in the current budget period (reset lazily when the period is over)
 * and the requests and tokens of the last minute. Thread-safe; every method is a few field updates.
 */
final class Account {

    private volatile Limits limits;
    private final SlidingWindow requests = new SlidingWindow();
    private final SlidingWindow tokens = new SlidingWindow();
    private double spend;
    private Instant resetAt;
    private boolean dirty;

    /** @param resetAt when the current period ends; null without a {@code budget_duration} */
    Account(Limits limits, double spend, Instant resetAt) {
        this.limits = limits;
        this.spend = spend;
        this.resetAt = resetAt;
    }

    Limits limits() {
        return limits;
    }

    SlidingWindow requests() {
        return requests;
    }

    SlidingWindow tokens() {
        return tokens;
    }

    synchronized SpendState spend(Instant now) {
        resetIfDue(now);
        return new SpendState(spend, Optional.ofNullable(resetAt));
    }

    synchronized void add(double usd, Instant now) {
        resetIfDue(now);
        if (usd > 0 && Double.isFinite(usd)) {
            spend += usd;
            dirty = true;
        }
    }

    /** The state to store if it changed since the last call (a reset counts as a change), else empty. */
    synchronized Optional<SpendState> takeChanged(Instant now) {
        resetIfDue(now);
        if (!dirty) {
            return Optional.empty();
        }
        dirty = false;
        return Optional.of(new SpendState(spend, Optional.ofNullable(resetAt)));
    }

    /**
     * Takes new limits; the spend and the minute counters carry on.
     *
     * @param newPeriod whether the budget period changed, so a new one starts at {@code now}
     * @param spendOverride the spend to set, or NaN to keep it
     */
    synchronized SpendState reconfigure(Limits newLimits, boolean newPeriod, double spendOverride, Instant now) {
        resetIfDue(now);
        limits = newLimits;
        if (newPeriod) {
            resetAt = newLimits.budgetDuration().map(p -> p.end(now)).orElse(null);
        }
        if (!Double.isNaN(spendOverride)) {
            spend = spendOverride;
        }
        dirty = true;
        return new SpendState(spend, Optional.ofNullable(resetAt));
    }

    /** Has the next {@link #takeChanged} report the state again (after storing it failed). */
    synchronized void markChanged() {
        dirty = true;
    }

    private void resetIfDue(Instant now) {
        if (resetAt != null && !now.isBefore(resetAt)) {
            spend = 0;
            resetAt = limits.budgetDuration().map(p -> p.nextEndAfter(resetAt, now)).orElse(null);
            dirty = true;
        }
    }
}
