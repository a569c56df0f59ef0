package dev.spillway.engine.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.simulators.AwsSsoSimulator;
import dev.spillway.simulators.AwsSsoSimulator.Poll;
import dev.spillway.simulators.RecordedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.model.RoleCredentials;

/** The device-code sign-in against the SSO simulator, through the real SDK clients. */
class SsoSignInTest {

    private static final Instant START = Instant.parse("2026-11-23T12:00:00Z");

    @TempDir
    Path home;

    private final MutableClock clock = new MutableClock(START);
    private final AwsSsoSimulator sso = AwsSsoSimulator.start(clock);
    /** The poll loop's waits, recorded instead of slept. */
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private AwsHome aws;
    private SsoSignIn signIn;

    @BeforeEach
    void setUp() throws Exception {
        aws = AwsHome.create(home);
        signIn = new SsoSignIn(SsoClients.at(sso.baseUrl()), aws.cache(), clock, waits::add);
    }

    @AfterEach
    void tearDown() {
        sso.close();
    }

    @Test
    void pollsUntilApprovedThenCachesTheTokenAsTheAwsCliDoes() throws Exception {
        sso.scriptDevicePolls(Poll.PENDING, Poll.PENDING);
        SsoSettings dev = aws.profiles().sso("dev").orElseThrow();

        DeviceAuthorization pending = signIn.start(dev);
        SsoSession session = pending.session().get(10, TimeUnit.SECONDS);

        assertThat(pending.userCode()).startsWith("SIMU-");
        assertThat(pending.verificationUriComplete().toString()).endsWith("?user_code=" + pending.userCode());
        assertThat(pending.expiresAt()).isEqualTo(START.plus(Duration.ofMinutes(10)));
        assertThat(session).isEqualTo(new SsoSession("dev", START.plus(Duration.ofHours(8)), true));
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));

        RecordedRequest register = sso.takeRequest();
        assertThat(register.path()).isEqualTo("/client/register");
        assertThat(register.bodyJson().get("clientType").asText()).isEqualTo("public");
        assertThat(register.bodyJson().get("scopes").get(0).asText()).isEqualTo("sso:account:access");
        RecordedRequest device = sso.takeRequest();
        assertThat(device.path()).isEqualTo("/device_authorization");
        assertThat(device.bodyJson().get("startUrl").asText()).isEqualTo(AwsHome.SESSION_START_URL);
        RecordedRequest poll = sso.takeRequest();
        assertThat(poll.path()).isEqualTo("/token");
        assertThat(poll.bodyJson().get("grantType").asText()).isEqualTo("urn:ietf:params:oauth:grant-type:device_code");
        assertThat(sso.requestCount()).isEqualTo(5);

        SsoToken cached = aws.cache().read(dev).orElseThrow();
        assertThat(cached.expiresAt()).isEqualTo(session.expiresAt());
        assertThat(cached.startUrl()).isEqualTo(AwsHome.SESSION_START_URL);
        assertThat(cached.region()).isEqualTo("us-east-1");
        assertThat(cached.canRefresh(START)).isTrue();
    }

    @Test
    void theCachedTokenGetsRoleCredentialsFromTheSsoPortal() throws Exception {
        sso.scriptDevicePolls();
        SsoSettings dev = aws.profiles().sso("dev").orElseThrow();
        signIn.start(dev).session().get(10, TimeUnit.SECONDS);
        String accessToken = aws.cache().read(dev).orElseThrow().accessToken();

        try (SsoClient portal = SsoClients.at(sso.baseUrl()).portal("us-east-1")) {
            RoleCredentials credentials = portal.getRoleCredentials(r -> r.accessToken(accessToken)
                    .accountId(dev.accountId().orElseThrow()).roleName(dev.roleName().orElseThrow())).roleCredentials();
            assertThat(credentials.accessKeyId()).isEqualTo(AwsSsoSimulator.ROLE_ACCESS_KEY_ID);
            assertThat(credentials.sessionToken()).isEqualTo("sim-session-111122223333-SampleRole");
        }
    }

    @Test
    void slowDownAddsFiveSecondsToTheInterval() throws Exception {
        sso.setPollInterval(2);
        sso.scriptDevicePolls(Poll.PENDING, Poll.SLOW_DOWN, Poll.PENDING, Poll.SLOW_DOWN);

        signIn.start(aws.profiles().sso("dev").orElseThrow()).session().get(10, TimeUnit.SECONDS);

        assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(7),
                Duration.ofSeconds(7), Duration.ofSeconds(12));
    }

    @Test
    void anExpiredDeviceCodeEndsTheSignInWithAdvice() throws Exception {
        sso.scriptDevicePolls(Poll.PENDING, Poll.EXPIRED);
        SsoSettings dev = aws.profiles().sso("dev").orElseThrow();

        DeviceAuthorization pending = signIn.start(dev);

        assertThatThrownBy(() -> pending.session().get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(SsoSignInException.class)
                .hasMessage("The AWS SSO sign-in code for profile dev expired before it was approved; start the "
                        + "sign-in again.");
        assertThat(aws.cache().read(dev)).isEmpty();
    }

    @Test
    void stopsPollingOnceTheCodeHasExpiredByTheClock() throws Exception {
        sso.setDeviceCodeLifetime(Duration.ofMinutes(10));
        sso.scriptDevicePolls(Poll.PENDING, Poll.PENDING, Poll.PENDING);
        signIn = new SsoSignIn(SsoClients.at(sso.baseUrl()), aws.cache(), clock, wait -> {
            waits.add(wait);
            clock.advance(Duration.ofMinutes(4));
        });

        DeviceAuthorization pending = signIn.start(aws.profiles().sso("dev").orElseThrow());

        assertThatThrownBy(() -> pending.session().get(10, TimeUnit.SECONDS)).cause()
                .hasMessageContaining("expired before it was approved");
        assertThat(sso.requestCount()).as("register, start, two polls at 4 and 8 minutes").isEqualTo(4);
    }

    @Test
    void aDenialInTheBrowserIsReported() throws Exception {
        sso.scriptDevicePolls(Poll.DENIED);

        DeviceAuthorization pending = signIn.start(aws.profiles().sso("dev").orElseThrow());

        assertThatThrownBy(() -> pending.session().get(10, TimeUnit.SECONDS)).cause()
                .hasMessageContaining("was denied in the browser");
    }

    @Test
    void cancelStopsThePollLoop() throws Exception {
        sso.scriptDevicePolls(Poll.PENDING, Poll.PENDING, Poll.PENDING, Poll.PENDING, Poll.PENDING);
        CountDownLatch waiting = new CountDownLatch(1);
        signIn = new SsoSignIn(SsoClients.at(sso.baseUrl()), aws.cache(), clock, wait -> {
            waiting.countDown();
            Thread.sleep(Long.MAX_VALUE);
        });
        SsoSettings dev = aws.profiles().sso("dev").orElseThrow();

        DeviceAuthorization pending = signIn.start(dev);
        assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
        pending.cancel();

        assertThat(pending.session()).isCancelled();
        assertThatThrownBy(() -> pending.session().join()).isInstanceOf(CancellationException.class);
        assertThat(sso.requestCount()).as("no poll was sent").isEqualTo(2);
        assertThat(aws.cache().read(dev)).isEmpty();
    }

    @Test
    void legacyProfilesRegisterWithoutScopesAndCacheUnderTheStartUrl() throws Exception {
        sso.scriptDevicePolls();
        sso.setIssueRefreshTokens(false);
        SsoSettings legacy = aws.profiles().sso("some-account-developer").orElseThrow();

        SsoSession session = signIn.start(legacy).session().get(10, TimeUnit.SECONDS);

        assertThat(session.refreshable()).isFalse();
        assertThat(sso.takeRequest().bodyJson().has("scopes")).isFalse();
        assertThat(aws.cache().fileFor(AwsHome.LEGACY_START_URL)).exists();
    }

    @Test
    void anUnreachableServiceFailsAtOnceWithTheProfileAndPortal() throws Exception {
        SsoSettings dev = aws.profiles().sso("dev").orElseThrow();
        sso.close();

        assertThatThrownBy(() -> signIn.start(dev)).isInstanceOf(SsoSignInException.class)
                .hasMessageContaining("profile dev").hasMessageContaining(AwsHome.SESSION_START_URL);
    }
}
