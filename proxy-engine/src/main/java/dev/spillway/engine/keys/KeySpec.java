package dev.spillway.engine.keys;

import java.util.Optional;

/**
 * What {@code POST /key/generate} asks for.
 *
 * @param key a key of the admin's choosing ({@code sk-…}); empty to generate one
 * @param duration how long the key is valid; empty for ever
 * @param metadata a JSON object
 */
public record KeySpec(Optional<String> key, Optional<String> keyAlias, Optional<String> userId, Limits limits,
        Optional<BudgetPeriod> duration, boolean blocked, String metadata) {
}
