package dev.spillway.engine.keys;

import dev.spillway.engine.routing.SlidingWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The decisions behind {@link KeyRegistry#admit}: is the model allowed, is an account within its budget and under its
 * rate limits; each refusal says which limit, what it is and when asking again can succeed.
 */
final class AdmissionRules {

    private AdmissionRules() {
    }

    static Optional<Admission.Denied> modelDenied(String who, List<String> models, String requested,
            String group) {
        if (ModelAccess.allows(models, requested) || ModelAccess.allows(models, group)) {
            return Optional.empty();
        }
        return Optional.of(new Admission.Denied(403, "The " + who + " may not use model '" + requested
                + "' (model group '" + group + "'); it may use: " + String.join(", ", models) + ".",
                Optional.empty()));
    }

    static Optional<Admission.Denied> overBudget(String who, Account account, Instant now) {
        if (account.limits().maxBudget().isEmpty()) {
            return Optional.empty();
        }
        double max = account.limits().maxBudget().getAsDouble();
        SpendState state = account.spend(now);
        if (state.spend() < max) {
            return Optional.empty();
        }
        String spent = "Budget exceeded for " + who + ": spent " + usd(state.spend()) + " of its max_budget "
                + usd(max);
        if (state.budgetResetAt().isEmpty()) {
            return Optional.of(new Admission.Denied(429, spent + ". The budget does not reset (no budget_duration); "
                    + "an admin can raise max_budget or set spend back (POST /key/update).", Optional.empty()));
        }
        Instant reset = state.budgetResetAt().get();
        return Optional.of(new Admission.Denied(429, spent + ". It resets at " + reset + " (budget_duration "
                + account.limits().budgetDuration().map(BudgetPeriod::text).orElse("?") + ").",
                Optional.of(Duration.between(now, reset))));
    }

    /** Checks every rate limit before counting the request anywhere, so a refused request counts nowhere. */
    static Admission countRequest(String keyName, Account key, String userName, Account user, long now) {
        synchronized (key) {
            if (user == null) {
                return rateDenied(keyName, key, now).map(Admission.class::cast).orElseGet(() -> {
                    key.requests().add(now, 1);
                    return Admission.ADMITTED;
                });
            }
            synchronized (user) {
                Optional<Admission.Denied> denied = rateDenied(keyName, key, now).or(() -> rateDenied(userName, user, now));
                if (denied.isPresent()) {
                    return denied.get();
                }
                key.requests().add(now, 1);
                user.requests().add(now, 1);
                return Admission.ADMITTED;
            }
        }
    }

    private static Optional<Admission.Denied> rateDenied(String who, Account account, long now) {
        Limits limits = account.limits();
        if (limits.tpmLimit().isPresent()) {
            Optional<Admission.Denied> denied = windowDenied(who, account.tokens(), now, limits.tpmLimit().getAsLong(),
                    "tpm_limit", "tokens");
            if (denied.isPresent()) {
                return denied;
            }
        }
        if (limits.rpmLimit().isPresent()) {
            return windowDenied(who, account.requests(), now, limits.rpmLimit().getAsLong(), "rpm_limit", "requests");
        }
        return Optional.empty();
    }

    private static Optional<Admission.Denied> windowDenied(String who, SlidingWindow window, long now, long limit,
            String name, String unit) {
        if (window.total(now) < limit) {
            return Optional.empty();
        }
        long waitNanos = limit == 0 ? SlidingWindow.MINUTE_NANOS : window.nanosUntilBelow(now, limit);
        Duration wait = Duration.ofNanos(Math.max(waitNanos, 1));
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return Optional.of(new Admission.Denied(429, "Rate limit reached for " + who + ": its " + name + " is "
                + limit + " " + unit + " per minute; try again in " + seconds + " s.", Optional.of(wait)));
    }

    private static String usd(double amount) {
        return String.format(Locale.ROOT, "$%.4f", amount);
    }
}
