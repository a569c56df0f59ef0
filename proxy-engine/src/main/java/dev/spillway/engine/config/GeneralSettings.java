package dev.spillway.engine.config;

import java.util.List;
import java.util.Optional;

/**
 * {@code general_settings}.
 *
 * @param masterKey the proxy key clients must present, if any
 * @param allowClientCredentials whether a caller's own Anthropic credential is accepted instead of the master key
 *     (default: true when bound to loopback); empty means "decide from the bind address"
 * @param allowedOrigins browser origins allowed to call the proxy ({@code allowed_origins}); none by default
 */
public record GeneralSettings(
        Optional<String> masterKey,
        Optional<Boolean> allowClientCredentials,
        List<String> allowedOrigins) {

    public GeneralSettings {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    public static GeneralSettings defaults() {
        return new GeneralSettings(Optional.empty(), Optional.empty(), List.of());
    }

    @Override
    public String toString() {
        return "GeneralSettings[masterKey=" + (masterKey.isPresent() ? "set" : "none")
                + ", allowClientCredentials=" + allowClientCredentials + ", allowedOrigins=" + allowedOrigins + "]";
    }
}
