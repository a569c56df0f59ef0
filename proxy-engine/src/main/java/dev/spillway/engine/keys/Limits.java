package dev.spillway.engine.keys;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What a virtual key or a user may do; every part is optional.
 *
 * @param maxBudget spend in USD after which requests are refused (until the budget resets)
 * @param budgetDuration how often spend goes back to 0; without it the budget never resets
 * @param rpmLimit requests per minute
 * @param tpmLimit tokens (input and output) per minute
 * @param models the model groups (or model names, {@code *} patterns allowed) it may call; empty allows all
 */
public record Limits(OptionalDouble maxBudget, Optional<BudgetPeriod> budgetDuration, OptionalLong rpmLimit,
        OptionalLong tpmLimit, List<String> models) {

    public static final Limits NONE = new Limits(OptionalDouble.empty(), Optional.empty(), OptionalLong.empty(),
            OptionalLong.empty(), List.of());

    public Limits {
        models = List.copyOf(models);
        if (maxBudget.isPresent() && !(maxBudget.getAsDouble() >= 0)) {
            throw new IllegalArgumentException("max_budget must be 0 or more");
        }
        if (rpmLimit.isPresent() && rpmLimit.getAsLong() < 0 || tpmLimit.isPresent() && tpmLimit.getAsLong() < 0) {
            throw new IllegalArgumentException("rpm_limit and tpm_limit must be 0 or more");
        }
    }
}
