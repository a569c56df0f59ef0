package dev.spillway.engine.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.simulators.AwsSsoSimulator;
import dev.spillway.simulators.RecordedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SsoRefresherTest {

    private static final Instant START = Instant.parse("2026-11-23T12:00:00Z");

    @TempDir
    Path home;

    private final MutableClock clock = new MutableClock(START);
    private final AwsSsoSimulator sso = AwsSsoSimulator.start(clock);
    private AwsHome aws;
    private SsoRefresher refresher;

    @BeforeEach
    void setUp() throws Exception {
        aws = AwsHome.create(home);
        refresher = new SsoRefresher(aws.configFile(), SsoClients.at(sso.baseUrl()), aws.cache(), clock,
                SsoRefresher.DEFAULT_INTERVAL);
    }

    @AfterEach
    void tearDown() {
        refresher.close();
        sso.close();
    }

    private void signIn(String profile) throws Exception {
        sso.scriptDevicePolls();
        new SsoSignIn(SsoClients.at(sso.baseUrl()), aws.cache(), clock, wait -> { })
                .start(aws.profiles().sso(profile).orElseThrow()).session().get(10, TimeUnit.SECONDS);
        for (int i = sso.requestCount(); i > 0; i--) {
            sso.takeRequest();
        }
    }

    @Test
    void aTokenThatOutlastsTheNextRunIsLeftAlone() throws Exception {
        signIn("dev");

        SsoRefresher.Outcome outcome = refresher.refresh("dev");

        assertThat(outcome.result()).isEqualTo(SsoRefresher.Result.STILL_VALID);
        assertThat(outcome.validUntil()).contains(START.plus(Duration.ofHours(8)));
        assertThat(sso.requestCount()).isEqualTo(3);
    }

    @Test
    void aTokenExpiringBeforeTheNextRunIsRenewedWithItsRefreshToken() throws Exception {
        signIn("dev");
        String before = aws.cache().read(aws.profiles().sso("dev").orElseThrow()).orElseThrow().accessToken();
        clock.advance(Duration.ofHours(5));

        SsoRefresher.Outcome outcome = refresher.refresh("dev");

        assertThat(outcome.result()).isEqualTo(SsoRefresher.Result.REFRESHED);
        assertThat(outcome.validUntil()).contains(START.plus(Duration.ofHours(13)));
        RecordedRequest refresh = sso.takeRequest();
        assertThat(refresh.bodyJson().get("grantType").asText()).isEqualTo("refresh_token");
        SsoToken after = aws.cache().read(aws.profiles().sso("dev").orElseThrow()).orElseThrow();
        assertThat(after.accessToken()).isNotEqualTo(before);
        assertThat(after.expiresAt()).isEqualTo(START.plus(Duration.ofHours(13)));
        assertThat(refresher.refresh("dev").result()).as("the rotated refresh token was kept")
                .isEqualTo(SsoRefresher.Result.STILL_VALID);
    }

    @Test
    void anExpiredButRefreshableTokenIsRenewed() throws Exception {
        signIn("dev");
        clock.advance(Duration.ofHours(9));

        assertThat(refresher.refresh("dev").result()).isEqualTo(SsoRefresher.Result.REFRESHED);
        assertThat(new CredentialState(aws.configFile(), aws.cache(), clock).check("dev").state())
                .isEqualTo(CredentialState.State.VALID);
    }

    @Test
    void aRevokedSessionNeedsTheUser() throws Exception {
        signIn("dev");
        sso.revokeRefreshTokens();
        clock.advance(Duration.ofHours(5));

        SsoRefresher.Outcome outcome = refresher.refresh("dev");

        assertThat(outcome.result()).isEqualTo(SsoRefresher.Result.SIGN_IN_NEEDED);
        assertThat(outcome.message()).startsWith("AWS SSO session for profile dev could not be renewed")
                .endsWith("sign in from Settings or run ./spillway sso-login --profile dev");
    }

    @Test
    void legacyProfilesCannotBeRenewed() throws Exception {
        signIn("some-account-developer");
        clock.advance(Duration.ofHours(5));

        SsoRefresher.Outcome outcome = refresher.refresh("some-account-developer");

        assertThat(outcome.result()).isEqualTo(SsoRefresher.Result.SIGN_IN_NEEDED);
        assertThat(outcome.message()).contains("cannot be renewed without you");
        assertThat(sso.requestCount()).as("only the sign-in").isEqualTo(3);
    }

    @Test
    void neverSignedInAndNonSsoProfiles() {
        assertThat(refresher.refresh("dev").result()).isEqualTo(SsoRefresher.Result.SIGN_IN_NEEDED);
        assertThat(refresher.refresh("keys").result()).isEqualTo(SsoRefresher.Result.NOT_SSO);
    }

    @Test
    void theProfilesToWatchAreThoseOfBedrockDeploymentsWithoutKeys() {
        var config = dev.spillway.engine.config.ConfigLoader.withEnvironment(java.util.Map.of()).parse("""
                model_list:
                  - model_name: a
                    litellm_params: {model: bedrock/claude-sonnet-4-5, aws_profile_name: dev}
                  - model_name: b
                    litellm_params: {model: bedrock/claude-haiku-4-5}
                  - model_name: c
                    litellm_params: {model: bedrock/claude-opus-4-5, aws_access_key_id: AKIDSPILLWAYTEST,
                                     aws_secret_access_key: spillway-test-secret}
                  - model_name: d
                    litellm_params: {model: anthropic/claude-opus-4-5}
                """, java.util.Optional.empty());

        assertThat(SsoRefresher.profilesUsedBy(config.deployments(), java.util.Map.of("AWS_PROFILE", "work")))
                .containsExactly("dev", "work");
        assertThat(SsoRefresher.profilesUsedBy(config.deployments(), java.util.Map.of())).containsExactly("dev",
                "default");
        assertThat(SsoRefresher.profilesUsedBy(config.deployments(), java.util.Map.of("AWS_ACCESS_KEY_ID", "x")))
                .containsExactly("dev");
    }

    @Test
    void watchingReportsEachProfileAtOnce() throws Exception {
        signIn("dev");
        BlockingQueue<SsoRefresher.Outcome> outcomes = new LinkedBlockingQueue<>();

        refresher.watch(List.of("dev", "some-account-developer"), outcomes::add);

        assertThat(outcomes.poll(10, TimeUnit.SECONDS).result()).isEqualTo(SsoRefresher.Result.STILL_VALID);
        assertThat(outcomes.poll(10, TimeUnit.SECONDS).result()).isEqualTo(SsoRefresher.Result.SIGN_IN_NEEDED);
    }
}
