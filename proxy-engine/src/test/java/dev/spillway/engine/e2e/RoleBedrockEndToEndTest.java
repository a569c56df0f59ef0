package dev.spillway.engine.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.engine.aws.AwsProfiles;
import dev.spillway.engine.aws.SsoClients;
import dev.spillway.engine.aws.SsoSignIn;
import dev.spillway.engine.aws.SsoTokenCache;
import dev.spillway.simulators.AnthropicReply;
import dev.spillway.simulators.AnthropicSimulator;
import dev.spillway.simulators.AwsSsoSimulator;
import dev.spillway.simulators.BedrockReply;
import dev.spillway.simulators.BedrockSimulator;
import dev.spillway.simulators.RecordedRequest;
import dev.spillway.simulators.StsSimulator;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fallback path with an AWS profile that assumes a role ({@code role_arn} + {@code source_profile}), as a user runs
 * it: {@code spillway serve} in its own process with that home, STS simulated through the SDKs' standard
 * {@code AWS_ENDPOINT_URL_STS}. Anthropic answers 429; the AWS SDK inside Spillway signs AssumeRole with the source
 * profile's keys (or an SSO session's role credentials) and the Bedrock call with the role's temporary credentials.
 */
class RoleBedrockEndToEndTest {

    private static final String ROLE_ARN = "arn:aws:iam::111122223333:role/BedrockAccess";
    private static final String MISSING_ROLE_ARN = "arn:aws:iam::111122223333:role/NoSuchRole";
    private static final String SSO_ROLE_ARN = "arn:aws:iam::111122223333:role/BedrockViaSso";

    @TempDir
    Path home;

    private final StsSimulator sts = StsSimulator.start();
    private final AnthropicSimulator anthropic = AnthropicSimulator.start();
    private final BedrockSimulator bedrock = BedrockSimulator.start();
    private StsSimulator.RoleCredentials role;

    @BeforeEach
    void setUp() throws Exception {
        Path aws = Files.createDirectories(home.resolve(".aws"));
        Files.writeString(aws.resolve("config"), """
                [profile bedrock-role]
                role_arn = %s
                source_profile = keys

                [profile no-such-role]
                role_arn = %s
                source_profile = keys

                [profile sso-role]
                role_arn = %s
                source_profile = sso-dev

                [profile sso-dev]
                sso_session = corp
                sso_account_id = 111122223333
                sso_role_name = SampleRole

                [sso-session corp]
                sso_region = us-east-1
                sso_start_url = https://my-sso-portal.awsapps.com/start
                """.formatted(ROLE_ARN, MISSING_ROLE_ARN, SSO_ROLE_ARN));
        Files.writeString(aws.resolve("credentials"), """
                [keys]
                aws_access_key_id = %s
                aws_secret_access_key = %s
                """.formatted(StsSimulator.TEST_ACCESS_KEY_ID, StsSimulator.TEST_SECRET_ACCESS_KEY));
        role = sts.allowRole(ROLE_ARN);
        bedrock.addCredentials(role.accessKeyId(), role.secretAccessKey(), role.sessionToken());
        anthropic.setDefaultReply(AnthropicReply.rateLimited(30));
        bedrock.setDefaultReply(BedrockReply.text("served with the role's credentials"));
    }

    @AfterEach
    void tearDown() {
        bedrock.close();
        anthropic.close();
        sts.close();
    }

    @Test
    void aRateLimitedRequestIsServedByBedrockWithTheAssumedRolesCredentials() throws Exception {
        Path config = config("""
                  - model_name: "bedrock/claude-*"
                    litellm_params: {model: "bedrock/*", api_base: %s, aws_profile_name: bedrock-role}
                router_settings:
                  fallbacks: [{"claude-*": ["bedrock/claude-*"]}]
                """.formatted(bedrock.baseUrl()));

        try (ServeProcess spillway = serve(config)) {
            HttpResponse<String> answer = spillway.postMessage("claude-sonnet-4-5-20250929");

            assertThat(answer.statusCode()).as(answer.body() + "\n" + spillway.log()).isEqualTo(200);
            assertThat(answer.body()).contains("served with the role's credentials");
            assertThat(answer.headers().firstValue("x-spillway-provider")).contains("bedrock");
        }
        RecordedRequest signed = bedrock.takeRequest(Duration.ofSeconds(5));
        assertThat(signed.accessKeyId()).as("signed with the role's key, not the source key")
                .isEqualTo(role.accessKeyId());
        assertThat(sts.requestCount()).isEqualTo(1);
        RecordedRequest assumeRole = sts.takeRequest();
        assertThat(assumeRole.accessKeyId()).isEqualTo(StsSimulator.TEST_ACCESS_KEY_ID);
        assertThat(assumeRole.region()).as("STS in the deployment's region, the profile naming none")
                .isEqualTo("us-east-1");
        assertThat(assumeRole.formParameters()).containsEntry("Action", "AssumeRole")
                .containsEntry("RoleArn", ROLE_ARN);
    }

    @Test
    void aRoleProfileChosenOnlyByAwsProfileIsAssumedTheSameWay() throws Exception {
        Path config = config("""
                  - model_name: "bedrock/claude-*"
                    litellm_params: {model: "bedrock/*", api_base: %s}
                router_settings:
                  fallbacks: [{"claude-*": ["bedrock/claude-*"]}]
                """.formatted(bedrock.baseUrl()));
        Map<String, String> env = Map.of("AWS_ENDPOINT_URL_STS", sts.baseUrl().toString(),
                "AWS_PROFILE", "bedrock-role");

        try (ServeProcess spillway = ServeProcess.start(home, config, env)) {
            HttpResponse<String> answer = spillway.postMessage("claude-sonnet-4-5-20250929");

            assertThat(answer.statusCode()).as(answer.body() + "\n" + spillway.log()).isEqualTo(200);
            assertThat(answer.headers().firstValue("x-spillway-provider")).contains("bedrock");
        }
        assertThat(bedrock.takeRequest(Duration.ofSeconds(5)).accessKeyId()).isEqualTo(role.accessKeyId());
        assertThat(sts.takeRequest().region()).as("regional STS, no metadata probe for a region")
                .isEqualTo("us-east-1");
    }

    @Test
    void aRoleThatCannotBeAssumedFailsNamingTheProfileAndTheRouterMovesOnToARoleAssumedOverSso() throws Exception {
        StsSimulator.RoleCredentials viaSso = sts.allowRole(SSO_ROLE_ARN);
        bedrock.addCredentials(viaSso.accessKeyId(), viaSso.secretAccessKey(), viaSso.sessionToken());
        sts.addSourceCredentials(AwsSsoSimulator.ROLE_ACCESS_KEY_ID, AwsSsoSimulator.ROLE_SECRET_ACCESS_KEY);
        Path config = config("""
                  - model_name: "denied/claude-*"
                    litellm_params: {model: "bedrock/*", api_base: %s, aws_profile_name: no-such-role}
                  - model_name: "bedrock/claude-*"
                    litellm_params: {model: "bedrock/*", api_base: %s, aws_profile_name: sso-role}
                router_settings:
                  fallbacks: [{"claude-*": ["denied/claude-*", "bedrock/claude-*"]}]
                """.formatted(bedrock.baseUrl(), bedrock.baseUrl()));

        String log;
        try (AwsSsoSimulator sso = AwsSsoSimulator.start()) {
            new SsoSignIn(SsoClients.at(sso.baseUrl()), SsoTokenCache.inHome(home), Clock.systemUTC())
                    .start(AwsProfiles.read(home.resolve(".aws/config")).sso("sso-dev").orElseThrow())
                    .session().get(30, TimeUnit.SECONDS);
            Map<String, String> endpoints = Map.of("AWS_ENDPOINT_URL_STS", sts.baseUrl().toString(),
                    "AWS_ENDPOINT_URL_SSO", sso.baseUrl().toString());
            try (ServeProcess spillway = ServeProcess.start(home, config, endpoints)) {
                HttpResponse<String> answer = spillway.postMessage("claude-sonnet-4-5-20250929");

                assertThat(answer.statusCode()).as(answer.body() + "\n" + spillway.log()).isEqualTo(200);
                assertThat(answer.body()).contains("served with the role's credentials");
                log = spillway.log();
            }
        }

        assertThat(log).contains("Fallback to model group denied/claude-* failed with HTTP 500")
                .contains("AWS Bedrock: AWS profile no-such-role could not assume its role (STS AccessDenied: User: "
                        + StsSimulator.SOURCE_USER_ARN + " is not authorized to perform: sts:AssumeRole on resource: "
                        + MISSING_ROLE_ARN + "): check its") // the log line is abbreviated there
                .doesNotContain(StsSimulator.TEST_SECRET_ACCESS_KEY);
        assertThat(sts.requestCount()).as("one AssumeRole per profile: a refused role is not retried").isEqualTo(2);
        RecordedRequest refused = sts.takeRequest();
        assertThat(refused.formParameters()).containsEntry("RoleArn", MISSING_ROLE_ARN);
        assertThat(refused.accessKeyId()).isEqualTo(StsSimulator.TEST_ACCESS_KEY_ID);
        RecordedRequest overSso = sts.takeRequest();
        assertThat(overSso.formParameters()).containsEntry("RoleArn", SSO_ROLE_ARN);
        assertThat(overSso.accessKeyId()).as("signed with the SSO session's role credentials")
                .isEqualTo(AwsSsoSimulator.ROLE_ACCESS_KEY_ID);
        assertThat(bedrock.requestCount()).as("only the role assumed over SSO reached Bedrock").isEqualTo(1);
        assertThat(bedrock.takeRequest().accessKeyId()).isEqualTo(viaSso.accessKeyId());
    }

    /** Anthropic first, then the given Bedrock deployments and router settings. */
    private Path config(String bedrockDeploymentsAndRouting) throws Exception {
        Path config = home.resolve("config.yaml");
        Files.writeString(config, """
                model_list:
                  - model_name: "claude-*"
                    litellm_params: {model: "anthropic/*", api_base: %s}
                """.formatted(anthropic.baseUrl()) + bedrockDeploymentsAndRouting);
        return config;
    }

    private ServeProcess serve(Path config) throws Exception {
        return ServeProcess.start(home, config, Map.of("AWS_ENDPOINT_URL_STS", sts.baseUrl().toString()));
    }
}
