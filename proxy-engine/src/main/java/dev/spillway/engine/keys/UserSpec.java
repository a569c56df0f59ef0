package dev.spillway.engine.keys;

import java.util.Optional;

/**
 * What {@code POST /user/new} asks for.
 *
 * @param userId empty to make one up
 * @param metadata a JSON object
 */
public record UserSpec(Optional<String> userId, Optional<String> userAlias, Optional<String> userEmail,
        Limits limits, String metadata) {
}
