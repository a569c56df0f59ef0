package dev.spillway.engine.keys;

import java.time.Instant;
import java.util.Optional;

/**
 * A key's or user's spend in the current budget period.
 *
 * @param spend USD spent since the last reset
 * @param budgetResetAt when spend next goes back to 0; empty without a {@code budget_duration}
 */
public record SpendState(double spend, Optional<Instant> budgetResetAt) {
}
