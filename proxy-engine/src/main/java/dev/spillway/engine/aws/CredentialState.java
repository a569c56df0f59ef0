package dev.spillway.engine.aws;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a profile's AWS credentials work right now, from the config file and the SSO token cache alone (no
 * network): the settings window's status line, {@code spillway sso-status}, and the Bedrock provider's check before
 * each call.
 */
public final class CredentialState {

    /** The three states the user sees. */
    public enum State {
        /** Credentials are there; for SSO, the token is good until {@link Status#at()}. */
        VALID,
        /** The SSO token expired at {@link Status#at()}. */
        EXPIRED,
        /** No such profile, or never signed in. */
        MISSING
    }

    /**
     * One profile's state.
     *
     * @param profile the profile checked
     * @param state valid, expired or missing
     * @param at the token's expiry: until when it is valid, or since when it is expired; empty when not SSO or missing
     * @param refreshable whether Spillway (or the SDK) can renew the token without the user
     * @param sso whether the credentials come from an SSO session, the profile's own or its source profile's (the
     *            others are only checked when used)
     * @param message one line for the user, saying what to do when something is needed
     */
    public record Status(String profile, State state, Optional<Instant> at, boolean refreshable, boolean sso,
            String message) {

        /** Whether a call with these credentials would fail for sure until the user signs in. */
        public boolean needsSignIn() {
            return state == State.MISSING || state == State.EXPIRED && !refreshable;
        }
    }

    /** Guards against a circular {@code source_profile} chain; real chains are one or two roles long. */
    private static final int MAX_ROLE_HOPS = 5;

    private final Path configFile;
    private final SsoTokenCache cache;
    private final Clock clock;

    public CredentialState(Path awsConfigFile, SsoTokenCache cache, Clock clock) {
        this.configFile = awsConfigFile;
        this.cache = cache;
        this.clock = clock;
    }

    /** For the user running Spillway: their {@code ~/.aws} (or {@code AWS_CONFIG_FILE}), on the system clock. */
    public static CredentialState forUser(Path home, Map<String, String> env) {
        return new CredentialState(AwsProfiles.configFile(home, env), SsoTokenCache.inHome(home), Clock.systemUTC());
    }

    /** The profile the SDK uses when none is named: {@code AWS_PROFILE}, else {@code default}. */
    public static String defaultProfile(Map<String, String> env) {
        String named = env.get("AWS_PROFILE");
        return named != null && !named.isBlank() ? named : "default";
    }

    /** Checks {@code profile}. Never throws: an unreadable config or cache file is reported in the message. */
    public Status check(String profile) {
        AwsProfiles profiles;
        try {
            profiles = AwsProfiles.read(configFile);
        } catch (RuntimeException e) {
            return new Status(profile, State.MISSING, Optional.empty(), false, false,
                    "AWS profile " + profile + " cannot be read: " + e.getMessage());
        }
        return check(profiles, profile, 0);
    }

    private Status check(AwsProfiles profiles, String profile, int roleHops) {
        Optional<AwsProfile> found;
        Optional<SsoSettings> sso;
        try {
            found = profiles.profile(profile);
            sso = found.isPresent() ? profiles.sso(profile) : Optional.empty();
        } catch (RuntimeException e) {
            return new Status(profile, State.MISSING, Optional.empty(), false, false,
                    "AWS profile " + profile + " cannot be read: " + e.getMessage());
        }
        if (found.isEmpty()) {
            return new Status(profile, State.MISSING, Optional.empty(), false, false, "AWS profile " + profile
                    + " is not defined in " + configFile + ": choose another profile or add it (aws configure sso)");
        }
        if (found.get().kind() == AwsProfile.Kind.ROLE) {
            return checkRole(profiles, profile, roleHops);
        }
        if (sso.isEmpty()) {
            return new Status(profile, State.VALID, Optional.empty(), false, false,
                    found.get().kind() == AwsProfile.Kind.STATIC_KEYS
                            ? "AWS profile " + profile + " uses static access keys"
                            : "AWS profile " + profile + " gets credentials from the SDK's chain (checked when Bedrock "
                                    + "is called)");
        }
        return checkSso(sso.get());
    }

    /** A role is only as good as the credentials it is assumed with: its source profile's state is its own. */
    private Status checkRole(AwsProfiles profiles, String profile, int roleHops) {
        Optional<String> source = profiles.sourceProfile(profile);
        if (source.isEmpty()) {
            return new Status(profile, State.VALID, Optional.empty(), false, false, "AWS profile " + profile
                    + " assumes a role with the credentials of its credential_source (checked when Bedrock is called)");
        }
        if (roleHops >= MAX_ROLE_HOPS) {
            return new Status(profile, State.MISSING, Optional.empty(), false, false, "AWS profile " + profile
                    + " assumes a role through a source_profile chain that is circular or longer than "
                    + MAX_ROLE_HOPS + " roles");
        }
        Status from = check(profiles, source.get(), roleHops + 1);
        return new Status(profile, from.state(), from.at(), from.refreshable(), from.sso(), "AWS profile " + profile
                + " assumes a role with the credentials of profile " + source.get() + "; " + from.message());
    }

    private Status checkSso(SsoSettings sso) {
        String profile = sso.profile();
        String signIn = "sign in from Settings or run ./spillway sso-login --profile " + profile;
        Optional<SsoToken> token;
        try {
            token = cache.read(sso);
        } catch (IllegalStateException e) {
            return new Status(profile, State.MISSING, Optional.empty(), false, true,
                    "AWS SSO session for profile " + profile + " is unreadable (" + e.getMessage() + "): " + signIn);
        }
        if (token.isEmpty()) {
            return new Status(profile, State.MISSING, Optional.empty(), false, true,
                    "AWS SSO session for profile " + profile + " not found (never signed in): " + signIn);
        }
        Instant now = clock.instant();
        Instant expiresAt = token.get().expiresAt();
        boolean refreshable = sso.refreshable() && token.get().canRefresh(now);
        if (now.isBefore(expiresAt)) {
            return new Status(profile, State.VALID, Optional.of(expiresAt), refreshable, true,
                    "AWS SSO session for profile " + profile + " valid until " + expiresAt
                            + (refreshable ? " (renewed automatically)" : ""));
        }
        if (refreshable) {
            return new Status(profile, State.EXPIRED, Optional.of(expiresAt), true, true, "AWS SSO session for profile "
                    + profile + " expired at " + expiresAt + "; it is renewed with its refresh token on next use");
        }
        return new Status(profile, State.EXPIRED, Optional.of(expiresAt), false, true,
                "AWS SSO session for profile " + profile + " expired: " + signIn);
    }
}
