package dev.spillway.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.engine.aws.AwsHome;
import dev.spillway.engine.aws.SsoSettings;
import dev.spillway.engine.aws.SsoToken;
import dev.spillway.simulators.AwsSsoSimulator;
import dev.spillway.simulators.AwsSsoSimulator.Poll;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sso-login and sso-status against the SSO simulator, named by the SDKs' standard endpoint variable. */
class SsoCommandsTest {

    @TempDir
    Path home;

    private final AwsSsoSimulator sso = AwsSsoSimulator.start();
    private CliRun cli;
    private AwsHome aws;

    @BeforeEach
    void setUp() throws Exception {
        aws = AwsHome.create(home);
        cli = new CliRun(home);
        cli.env.put("AWS_ENDPOINT_URL_SSO_OIDC", sso.baseUrl().toString());
        sso.scriptDevicePolls();
    }

    @AfterEach
    void tearDown() {
        sso.close();
    }

    @Test
    void signsInOpensTheBrowserAndSharesTheTokenCache() {
        CliRun.Result result = cli.run("sso-login", "--profile", "dev");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(cli.browsed).hasSize(1);
        assertThat(result.out()).contains("Signing in to AWS SSO for profile dev (" + AwsHome.SESSION_START_URL + ")")
                .contains("Your browser is open at " + cli.browsed.get(0))
                .containsPattern("confirm the code SIMU-\\d{4}")
                .contains("Signed in: profile dev valid until").contains("renews it automatically");
        assertThat(aws.cache().fileFor("my-sso")).exists();

        CliRun.Result status = cli.run("sso-status", "--profile", "dev");
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).startsWith("valid\tdev\tAWS SSO session for profile dev valid until");
    }

    @Test
    void withoutABrowserTheUrlIsPrinted() {
        cli.env.put("AWS_PROFILE", "some-account-developer");

        CliRun.Result result = cli.run("sso-login", "--no-browser");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(cli.browsed).isEmpty();
        assertThat(result.out()).contains("Open this page in a browser: " + sso.baseUrl() + "/start/#/device?user_code=");
    }

    @Test
    void aDeniedSignInExitsWithOne() {
        sso.scriptDevicePolls(Poll.DENIED);

        CliRun.Result result = cli.run("sso-login", "--profile", "dev", "--no-browser");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.err()).contains("was denied in the browser");
    }

    @Test
    void aProfileThatIsNotSsoListsTheOnesThatAre() {
        CliRun.Result result = cli.run("sso-login", "--profile", "keys");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.err()).contains("AWS profile keys is not an SSO profile")
                .contains("SSO profiles: broken, dev, some-account-developer (use --profile)");
        assertThat(sso.requestCount()).isZero();
    }

    @Test
    void ssoStatusListsEverySsoProfileAndAsksForASignInWhenNeeded() {
        SsoSettings legacy = aws.profiles().sso("some-account-developer").orElseThrow();
        aws.cache().write(legacy, new SsoToken(legacy.startUrl(), legacy.ssoRegion(), "old",
                Instant.parse("2026-01-01T00:00:00Z"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty()));

        CliRun.Result result = cli.run("sso-status");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.NEEDS_ATTENTION);
        assertThat(result.out()).contains("missing\tdev\tAWS SSO session for profile dev not found (never signed in)")
                .contains("expired\tsome-account-developer\tAWS SSO session for profile some-account-developer "
                        + "expired: sign in from Settings or run ./spillway sso-login --profile some-account-developer")
                .contains("missing\tbroken\t");
    }
}
