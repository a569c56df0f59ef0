package dev.spillway.engine.routing;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Deployments that are at their per-minute limits: which limits, and how long until the first of them may take a
 * request again.
 */
public record LimitReached(Set<Limit> limits, Duration freeIn) {

    public LimitReached {
        limits = Set.copyOf(limits);
    }

    /** Both: every limit either names, and the sooner of the two waits. */
    LimitReached and(LimitReached other) {
        EnumSet<Limit> both = EnumSet.copyOf(limits);
        both.addAll(other.limits);
        return new LimitReached(both, freeIn.compareTo(other.freeIn) <= 0 ? freeIn : other.freeIn);
    }

    /** "rpm limit (requests per minute)", "tpm limit (tokens per minute)" or "rpm or tpm limit". */
    public String describe() {
        if (limits.size() == 1) {
            Limit limit = limits.iterator().next();
            return limit.key() + " limit (" + limit.meaning() + ")";
        }
        return EnumSet.copyOf(limits).stream().map(Limit::key).collect(Collectors.joining(" or ")) + " limit";
    }
}
