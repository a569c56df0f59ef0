package dev.spillway.engine.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.engine.aws.AwsHome;
import dev.spillway.engine.aws.CredentialState;
import dev.spillway.engine.aws.MutableClock;
import dev.spillway.engine.aws.SsoSettings;
import dev.spillway.engine.aws.SsoToken;
import dev.spillway.engine.config.AwsSettings;
import dev.spillway.engine.config.DeploymentConfig;
import dev.spillway.engine.provider.UpstreamCall;
import dev.spillway.engine.request.ClientRequest;
import dev.spillway.engine.request.Operation;
import dev.spillway.engine.routing.FailureKind;
import dev.spillway.engine.upstream.RequestHeaders;
import dev.spillway.engine.upstream.UpstreamResponse;
import dev.spillway.simulators.BedrockReply;
import dev.spillway.simulators.BedrockSimulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An expired SSO session stops the Bedrock call before it is made, with advice instead of a raw 403. */
class CredentialGateTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @TempDir
    Path home;

    private final BedrockSimulator bedrock = BedrockSimulator.start();
    private final BedrockClients clients = new BedrockClients();
    private AwsHome aws;
    private CredentialState credentials;

    @BeforeEach
    void setUp() throws Exception {
        aws = AwsHome.create(home);
        credentials = new CredentialState(aws.configFile(), aws.cache(), new MutableClock(NOW));
    }

    @AfterEach
    void tearDown() {
        clients.close();
        bedrock.close();
    }

    private DeploymentConfig deployment(AwsSettings settings) {
        return new DeploymentConfig("bedrock/claude-*", "bedrock", "*", "bedrock", Optional.empty(),
                Optional.of(bedrock.baseUrl()), Optional.empty(), settings, Map.of(), Map.of());
    }

    private static UpstreamCall call() {
        byte[] body = "{\"model\":\"claude-sonnet-4-5-20250929\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        ClientRequest request = new ClientRequest("req_gate", Operation.MESSAGES, "", RequestHeaders.of(Map.of()), body,
                "claude-sonnet-4-5-20250929", false, Optional.empty());
        return new UpstreamCall(request, "claude-sonnet-4-5-20250929", Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    private static AwsSettings profile(String name) {
        return new AwsSettings(Optional.of("us-east-1"), Optional.of(name), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    @Test
    void anExpiredSessionFailsFastWithSignInAdvice() throws Exception {
        SsoSettings sso = aws.profiles().sso("some-account-developer").orElseThrow();
        aws.cache().write(sso, new SsoToken(sso.startUrl(), sso.ssoRegion(), "access", NOW.minusSeconds(60),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        AwsSettings settings = profile("some-account-developer");
        BedrockProvider provider = new BedrockProvider(clients, deployment(settings),
                CredentialGate.forDeployment(settings, credentials, Map.of()));

        UpstreamResponse answer = provider.send(call()).get(5, TimeUnit.SECONDS);

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.header(FailureKind.UNAVAILABLE_HEADER)).contains("true");
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("\"type\":\"api_error\"")
                .contains("AWS Bedrock: AWS SSO session for profile some-account-developer expired: sign in from "
                        + "Settings or run ./spillway sso-login --profile some-account-developer");
        assertThat(bedrock.requestCount()).as("nothing was sent to AWS").isZero();
    }

    @Test
    void neverSignedInFailsFastToo() {
        AwsSettings settings = profile("dev");

        assertThat(CredentialGate.forDeployment(settings, credentials, Map.of()).refusal()).get().asString()
                .contains("profile dev not found (never signed in)");
    }

    @Test
    void aRefreshableSessionIsLeftToTheSdk() {
        SsoSettings sso = aws.profiles().sso("dev").orElseThrow();
        aws.cache().write(sso, new SsoToken(sso.startUrl(), sso.ssoRegion(), "access", NOW.minusSeconds(60),
                Optional.of("refresh"), Optional.of("client"), Optional.of("secret"),
                Optional.of(NOW.plus(Duration.ofDays(30)))));

        assertThat(CredentialGate.forDeployment(profile("dev"), credentials, Map.of()).refusal()).isEmpty();
    }

    @Test
    void staticKeysUnknownProfilesAndEnvironmentKeysAreNotStopped() throws Exception {
        AwsSettings keys = new AwsSettings(Optional.of("us-east-1"), Optional.empty(),
                Optional.of(BedrockSimulator.TEST_ACCESS_KEY_ID), Optional.of(BedrockSimulator.TEST_SECRET_ACCESS_KEY),
                Optional.empty());
        bedrock.setDefaultReply(BedrockReply.text("from bedrock"));
        BedrockProvider provider = new BedrockProvider(clients, deployment(keys),
                CredentialGate.forDeployment(keys, credentials, Map.of()));

        assertThat(provider.send(call()).get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(CredentialGate.forDeployment(profile("not-in-config"), credentials, Map.of()).refusal()).isEmpty();
        assertThat(CredentialGate.forDeployment(AwsSettings.none(), credentials,
                Map.of("AWS_PROFILE", "dev", "AWS_ACCESS_KEY_ID", "x")).refusal()).isEmpty();
        assertThat(CredentialGate.forDeployment(AwsSettings.none(), credentials, Map.of("AWS_PROFILE", "dev"))
                .refusal()).isPresent();
    }
}
