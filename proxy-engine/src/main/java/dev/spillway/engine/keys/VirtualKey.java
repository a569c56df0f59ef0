package dev.spillway.engine.keys;

import java.time.Instant;
import java.util.Optional;

/**
 * A virtual key as stored: never the key itself, only its hash.
 *
 * @param token the SHA-256 hex of the key (LiteLLM's {@code token}, the {@code hashed_api_key} of metrics and spend
 *     logs)
 * @param keyName the key shortened for display, e.g. {@code sk-...Xb3Q}
 * @param keyAlias a name the admin gave it, unique among keys
 * @param userId the user it belongs to, whose limits apply too
 * @param metadata a JSON object, kept as given
 */
public record VirtualKey(String token, String keyName, Optional<String> keyAlias, Optional<String> userId,
        Limits limits, Optional<Instant> expires, boolean blocked, String metadata, Instant createdAt) {

    /** The alias if it has one, else the shortened key: how messages name it. */
    public String displayName() {
        return keyAlias.map(a -> "'" + a + "' (" + keyName + ")").orElse(keyName);
    }
}
