package dev.spillway.engine.keys;

import java.time.Instant;
import java.util.Optional;

/** A user: the owner of virtual keys, with limits over all of them together. */
public record KeyUser(String userId, Optional<String> userAlias, Optional<String> userEmail, Limits limits,
        String metadata, Instant createdAt) {
}
