package dev.spillway.engine.aws;

import dev.spillway.engine.config.DeploymentConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;

/**
 * Keeps SSO sessions alive between sign-ins: on a schedule (every four hours by default) it renews each watched
 * profile's token with its refresh token when the token would expire before the next run, and reports the profiles
 * that need the user to sign in (the desktop app shows a tray notification, {@code spillway serve} logs it).
 */
public final class SsoRefresher implements AutoCloseable {

    public static final Duration DEFAULT_INTERVAL = Duration.ofHours(4);
    /** Renew this long before the token would expire between two runs, so a late run is still in time. */
    private static final Duration MARGIN = Duration.ofMinutes(15);

    private static final Logger log = LoggerFactory.getLogger(SsoRefresher.class);

    /** What a run did for one profile. */
    public enum Result {
        /** The token lasts past the next run; nothing to do. */
        STILL_VALID,
        /** Renewed silently with the refresh token. */
        REFRESHED,
        /** Cannot be renewed: the user must sign in. */
        SIGN_IN_NEEDED,
        /** Not an SSO profile: nothing to renew. */
        NOT_SSO
    }

    /**
     * @param profile the profile
     * @param result what happened
     * @param validUntil when the (possibly renewed) token expires, if there is one
     * @param message one line for the user
     */
    public record Outcome(String profile, Result result, Optional<Instant> validUntil, String message) {
    }

    private final Path configFile;
    private final SsoClients clients;
    private final SsoTokenCache cache;
    private final Clock clock;
    private final Duration interval;
    private ScheduledExecutorService schedule;

    public SsoRefresher(Path awsConfigFile, SsoClients clients, SsoTokenCache cache, Clock clock, Duration interval) {
        this.configFile = awsConfigFile;
        this.clients = clients;
        this.cache = cache;
        this.clock = clock;
        this.interval = interval;
    }

    /** For the user running Spillway: their AWS config, token cache and environment, every four hours. */
    public static SsoRefresher forUser(Path home, Map<String, String> env) {
        return new SsoRefresher(AwsProfiles.configFile(home, env), SsoClients.fromEnvironment(env),
                SsoTokenCache.inHome(home), Clock.systemUTC(), DEFAULT_INTERVAL);
    }

    /**
     * The profiles a config's Bedrock deployments sign in with: each one's {@code aws_profile_name}, or for
     * deployments with neither static keys nor a profile, {@code AWS_PROFILE} (else {@code default}) unless the
     * environment has keys. Non-SSO profiles are included; {@link #refresh} reports them as {@link Result#NOT_SSO}.
     */
    public static List<String> profilesUsedBy(List<DeploymentConfig> deployments, Map<String, String> env) {
        Set<String> profiles = new LinkedHashSet<>();
        for (DeploymentConfig d : deployments) {
            if (!d.provider().equals("bedrock") || d.aws().accessKeyId().isPresent()) {
                continue;
            }
            if (d.aws().profile().isPresent()) {
                profiles.add(d.aws().profile().get());
            } else if (!env.containsKey("AWS_ACCESS_KEY_ID")) {
                profiles.add(CredentialState.defaultProfile(env));
            }
        }
        return List.copyOf(profiles);
    }

    /** Runs {@link #refresh} for each profile now and then every interval, reporting each outcome to {@code listener}. */
    public synchronized void watch(List<String> profiles, Consumer<Outcome> listener) {
        if (schedule != null) {
            throw new IllegalStateException("already watching");
        }
        schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "spillway-sso-refresh");
            thread.setDaemon(true);
            return thread;
        });
        schedule.scheduleWithFixedDelay(() -> profiles.forEach(profile -> {
            try {
                listener.accept(refresh(profile));
            } catch (RuntimeException e) {
                log.warn("AWS SSO refresh for profile {} failed: {}", profile, e.toString());
            }
        }), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Renews {@code profile}'s token if it would expire before the next run and can be renewed. */
    public Outcome refresh(String profile) {
        Optional<SsoSettings> sso;
        try {
            sso = AwsProfiles.read(configFile).sso(profile);
        } catch (RuntimeException e) {
            return signInNeeded(profile, Optional.empty(), "AWS profile " + profile + " cannot be read: "
                    + e.getMessage());
        }
        if (sso.isEmpty()) {
            return new Outcome(profile, Result.NOT_SSO, Optional.empty(), "AWS profile " + profile
                    + " is not an SSO profile");
        }
        Optional<SsoToken> cached;
        try {
            cached = cache.read(sso.get());
        } catch (IllegalStateException e) {
            return signInNeeded(profile, Optional.empty(), e.getMessage());
        }
        if (cached.isEmpty()) {
            return signInNeeded(profile, Optional.empty(), "not signed in");
        }
        SsoToken token = cached.get();
        Instant now = clock.instant();
        if (token.expiresAt().isAfter(now.plus(interval).plus(MARGIN))) {
            return new Outcome(profile, Result.STILL_VALID, Optional.of(token.expiresAt()),
                    "AWS SSO session for profile " + profile + " valid until " + token.expiresAt());
        }
        if (!sso.get().refreshable() || !token.canRefresh(now)) {
            String why = now.isBefore(token.expiresAt()) ? "expires at " + token.expiresAt() : "expired";
            return signInNeeded(profile, Optional.of(token.expiresAt()), why + " and cannot be renewed without you");
        }
        try (SsoOidcClient oidc = clients.oidc(sso.get().ssoRegion())) {
            CreateTokenResponse renewed = oidc.createToken(r -> r.clientId(token.clientId().get())
                    .clientSecret(token.clientSecret().get()).grantType("refresh_token")
                    .refreshToken(token.refreshToken().get()));
            Instant expiresAt = now.plusSeconds(renewed.expiresIn() == null ? 3600 : renewed.expiresIn());
            Optional<String> refresh = Optional.ofNullable(renewed.refreshToken()).filter(s -> !s.isEmpty())
                    .or(token::refreshToken);
            cache.write(sso.get(), new SsoToken(token.startUrl(), token.region(), renewed.accessToken(), expiresAt,
                    refresh, token.clientId(), token.clientSecret(), token.registrationExpiresAt()));
            return new Outcome(profile, Result.REFRESHED, Optional.of(expiresAt),
                    "AWS SSO session for profile " + profile + " renewed, valid until " + expiresAt);
        } catch (SdkException e) {
            return signInNeeded(profile, Optional.of(token.expiresAt()),
                    "could not be renewed (" + SsoSignIn.describe(e) + ")");
        }
    }

    private static Outcome signInNeeded(String profile, Optional<Instant> expiresAt, String why) {
        return new Outcome(profile, Result.SIGN_IN_NEEDED, expiresAt, "AWS SSO session for profile " + profile + " "
                + why + ": sign in from Settings or run ./spillway sso-login --profile " + profile);
    }

    @Override
    public synchronized void close() {
        if (schedule != null) {
            schedule.shutdownNow();
            schedule = null;
        }
    }
}
