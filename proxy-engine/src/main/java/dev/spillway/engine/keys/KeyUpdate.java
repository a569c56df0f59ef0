package dev.spillway.engine.keys;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What {@code POST /key/update} changes; an empty part leaves that part as it is.
 *
 * @param budgetDuration a new period, which starts now
 * @param duration a new validity, from now
 * @param spend sets the spend of the current budget period (e.g. 0 to forgive it)
 */
public record KeyUpdate(Optional<String> keyAlias, Optional<List<String>> models, OptionalDouble maxBudget,
        Optional<BudgetPeriod> budgetDuration, OptionalLong rpmLimit, OptionalLong tpmLimit,
        Optional<BudgetPeriod> duration, Optional<Boolean> blocked, Optional<String> metadata, OptionalDouble spend) {

    /** Only {@code blocked} changes. */
    public static KeyUpdate blocked(boolean blocked) {
        return new KeyUpdate(Optional.empty(), Optional.empty(), OptionalDouble.empty(), Optional.empty(),
                OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), Optional.of(blocked), Optional.empty(),
                OptionalDouble.empty());
    }

    Limits applyTo(Limits limits) {
        return new Limits(maxBudget.isPresent() ? maxBudget : limits.maxBudget(),
                budgetDuration.or(limits::budgetDuration),
                rpmLimit.isPresent() ? rpmLimit : limits.rpmLimit(),
                tpmLimit.isPresent() ? tpmLimit : limits.tpmLimit(),
                models.orElse(limits.models()));
    }
}
