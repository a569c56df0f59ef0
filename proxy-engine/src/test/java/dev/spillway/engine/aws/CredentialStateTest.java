package dev.spillway.engine.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.engine.aws.CredentialState.State;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialStateTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @TempDir
    Path home;

    private final MutableClock clock = new MutableClock(NOW);
    private AwsHome aws;
    private CredentialState state;

    @BeforeEach
    void setUp() throws Exception {
        aws = AwsHome.create(home);
        state = new CredentialState(aws.configFile(), aws.cache(), clock);
    }

    private void cache(String profile, Instant expiresAt, boolean refreshToken) {
        SsoSettings sso = aws.profiles().sso(profile).orElseThrow();
        aws.cache().write(sso, new SsoToken(sso.startUrl(), sso.ssoRegion(), "access", expiresAt,
                refreshToken ? Optional.of("refresh") : Optional.empty(), Optional.of("client"),
                Optional.of("secret"), Optional.of(NOW.plus(Duration.ofDays(80)))));
    }

    @Test
    void validUntilTheTokenExpires() {
        cache("dev", NOW.plus(Duration.ofHours(3)), true);

        CredentialState.Status status = state.check("dev");

        assertThat(status.state()).isEqualTo(State.VALID);
        assertThat(status.at()).contains(NOW.plus(Duration.ofHours(3)));
        assertThat(status.message()).isEqualTo("AWS SSO session for profile dev valid until 2026-11-23T15:00:00Z "
                + "(renewed automatically)");
        assertThat(status.needsSignIn()).isFalse();
    }

    @Test
    void expiredWithoutARefreshTokenNeedsASignIn() {
        cache("some-account-developer", NOW.minus(Duration.ofMinutes(1)), false);

        CredentialState.Status status = state.check("some-account-developer");

        assertThat(status.state()).isEqualTo(State.EXPIRED);
        assertThat(status.at()).contains(NOW.minus(Duration.ofMinutes(1)));
        assertThat(status.message()).isEqualTo("AWS SSO session for profile some-account-developer expired: sign in "
                + "from Settings or run ./spillway sso-login --profile some-account-developer");
        assertThat(status.needsSignIn()).isTrue();
    }

    @Test
    void expiredButRefreshableIsRenewedRatherThanBlocked() {
        cache("dev", NOW.minus(Duration.ofMinutes(1)), true);

        CredentialState.Status status = state.check("dev");

        assertThat(status.state()).isEqualTo(State.EXPIRED);
        assertThat(status.refreshable()).isTrue();
        assertThat(status.needsSignIn()).isFalse();
    }

    @Test
    void aLegacyProfileNeverRefreshesEvenWithARefreshToken() {
        cache("some-account-developer", NOW.minus(Duration.ofMinutes(1)), true);

        assertThat(state.check("some-account-developer").needsSignIn()).isTrue();
    }

    @Test
    void missingWhenNeverSignedInOrUnknown() {
        CredentialState.Status never = state.check("dev");
        assertThat(never.state()).isEqualTo(State.MISSING);
        assertThat(never.message()).contains("never signed in").contains("./spillway sso-login --profile dev");

        CredentialState.Status unknown = state.check("nope");
        assertThat(unknown.state()).isEqualTo(State.MISSING);
        assertThat(unknown.message()).contains("nope").contains("not defined");
    }

    @Test
    void staticKeysAreValidWithoutAnExpiry() {
        CredentialState.Status status = state.check("keys");

        assertThat(status.state()).isEqualTo(State.VALID);
        assertThat(status.at()).isEmpty();
        assertThat(status.message()).contains("static access keys");
    }

    @Test
    void aBrokenSessionSectionIsMissingNotAnException() {
        CredentialState.Status status = state.check("broken");

        assertThat(status.state()).isEqualTo(State.MISSING);
        assertThat(status.message()).contains("[sso-session nowhere]");
    }
}
