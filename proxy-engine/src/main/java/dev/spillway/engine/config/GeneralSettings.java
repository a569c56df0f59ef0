package dev.spillway.engine.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code general_settings}.
 *
 * @param masterKey the proxy key clients must present, if any
 * @param allowClientCredentials whether a caller's own Anthropic credential is accepted instead of the master key
 *     (default: true when bound to loopback); empty means "decide from the bind address"
 * @param allowedOrigins browser origins allowed to call the proxy ({@code allowed_origins}); none by default
 * @param databaseUrl the spend store's JDBC URL ({@code database_url}, an H2 URL), overriding the data directory
 * @param spendRetention how long per-request spend rows are kept ({@code spend_retention_days}, default 90; 0 keeps
 *     them forever); daily totals are always kept
 */
public record GeneralSettings(
        Optional<String> masterKey,
        Optional<Boolean> allowClientCredentials,
        List<String> allowedOrigins,
        Optional<String> databaseUrl,
        Duration spendRetention) {

    public static final Duration DEFAULT_SPEND_RETENTION = Duration.ofDays(90);

    public GeneralSettings {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** Settings with the default spend store. */
    public GeneralSettings(Optional<String> masterKey, Optional<Boolean> allowClientCredentials,
            List<String> allowedOrigins) {
        this(masterKey, allowClientCredentials, allowedOrigins, Optional.empty(), DEFAULT_SPEND_RETENTION);
    }

    public static GeneralSettings defaults() {
        return new GeneralSettings(Optional.empty(), Optional.empty(), List.of());
    }

    @Override
    public String toString() {
        return "GeneralSettings[masterKey=" + (masterKey.isPresent() ? "set" : "none")
                + ", allowClientCredentials=" + allowClientCredentials + ", allowedOrigins=" + allowedOrigins
                + ", databaseUrl=" + (databaseUrl.isPresent() ? "set" : "default")
                + ", spendRetention=" + spendRetention.toDays() + " days]";
    }
}
