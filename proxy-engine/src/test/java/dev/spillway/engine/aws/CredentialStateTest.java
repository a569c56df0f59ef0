package dev.spillway.engine.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.engine.aws.CredentialState.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
    void aRoleIsAsGoodAsItsSourceProfilesCredentials() {
        CredentialState.Status status = state.check("admin");

        assertThat(status.state()).isEqualTo(State.VALID);
        assertThat(status.sso()).isFalse();
        assertThat(status.message()).isEqualTo("AWS profile admin assumes a role with the credentials of profile keys; "
                + "AWS profile keys uses static access keys");
    }

    @Test
    void aRoleAssumedWithAnExpiredSsoSessionNeedsThatSignIn() throws Exception {
        Files.writeString(aws.configFile(), """

                [profile bedrock-role]
                role_arn = arn:aws:iam::111122223333:role/BedrockAccess
                source_profile = some-account-developer

                [profile loop-a]
                role_arn = arn:aws:iam::111122223333:role/A
                source_profile = loop-b

                [profile loop-b]
                role_arn = arn:aws:iam::111122223333:role/B
                source_profile = loop-a

                [profile from-environment]
                role_arn = arn:aws:iam::111122223333:role/C
                credential_source = Environment
                """, StandardOpenOption.APPEND);
        cache("some-account-developer", NOW.minus(Duration.ofMinutes(1)), false);

        CredentialState.Status status = state.check("bedrock-role");

        assertThat(status.state()).isEqualTo(State.EXPIRED);
        assertThat(status.sso()).isTrue();
        assertThat(status.needsSignIn()).isTrue();
        assertThat(status.message()).isEqualTo("AWS profile bedrock-role assumes a role with the credentials of "
                + "profile some-account-developer; AWS SSO session for profile some-account-developer expired: sign in from "
                + "Settings or run ./spillway sso-login --profile some-account-developer");
        assertThat(state.check("loop-a").state()).isEqualTo(State.MISSING);
        assertThat(state.check("loop-a").message()).endsWith("circular or longer than 5 roles");
        assertThat(state.check("from-environment").message()).contains("credential_source");
    }

    @Test
    void aBrokenSessionSectionIsMissingNotAnException() {
        CredentialState.Status status = state.check("broken");

        assertThat(status.state()).isEqualTo(State.MISSING);
        assertThat(status.message()).contains("[sso-session nowhere]");
    }
}
