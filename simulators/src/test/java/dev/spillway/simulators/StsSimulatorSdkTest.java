package dev.spillway.simulators;

import static dev.spillway.simulators.AwsSdkClients.MODEL_ID;
import static dev.spillway.simulators.AwsSdkClients.TEST_CREDENTIALS;
import static dev.spillway.simulators.AwsSdkClients.nativeBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/** AssumeRole through the real AWS SDK for Java v2 {@code StsClient}, with its default sync HTTP client. */
class StsSimulatorSdkTest {

    private static final String ROLE_ARN = "arn:aws:iam::111122223333:role/BedrockAccess";

    private StsSimulator sts;
    private StsClient client;

    @BeforeEach
    void start() {
        sts = StsSimulator.start();
        client = client(sts.baseUrl(), TEST_CREDENTIALS);
    }

    @AfterEach
    void stop() {
        client.close();
        sts.close();
    }

    private static StsClient client(URI endpoint, AwsCredentials credentials) {
        return StsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .build();
    }

    @Test
    void assumeRoleHandsOutTheRolesTemporaryCredentials() {
        StsSimulator.RoleCredentials issued = sts.allowRole(ROLE_ARN);
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        AssumeRoleResponse answer = client.assumeRole(r -> r.roleArn(ROLE_ARN).roleSessionName("spillway-session")
                .durationSeconds(900));

        assertThat(answer.credentials().accessKeyId()).isEqualTo(issued.accessKeyId());
        assertThat(answer.credentials().secretAccessKey()).isEqualTo(issued.secretAccessKey());
        assertThat(answer.credentials().sessionToken()).isEqualTo(issued.sessionToken());
        assertThat(answer.credentials().expiration()).as("15 minutes from now, in whole seconds")
                .isBetween(before.plusSeconds(900), Instant.now().plusSeconds(900));
        assertThat(answer.assumedRoleUser().arn())
                .isEqualTo("arn:aws:sts::111122223333:assumed-role/BedrockAccess/spillway-session");
        assertThat(answer.assumedRoleUser().assumedRoleId()).endsWith(":spillway-session");
        assertThat(answer.responseMetadata().requestId()).isNotBlank();

        RecordedRequest request = sts.takeRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/");
        assertThat(request.header("content-type")).startsWith("application/x-www-form-urlencoded");
        assertThat(request.formParameters()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Action", "AssumeRole", "Version", "2011-06-15", "RoleArn", ROLE_ARN,
                "RoleSessionName", "spillway-session", "DurationSeconds", "900"));
        assertThat(request.accessKeyId()).isEqualTo(StsSimulator.TEST_ACCESS_KEY_ID);
        assertThat(request.region()).isEqualTo("eu-west-1");
    }

    @Test
    void theRolesCredentialsSignBedrockCallsWhichTheBedrockSimulatorTellsFromTheSourceKeys() {
        StsSimulator.RoleCredentials role = sts.allowRole(ROLE_ARN);
        try (BedrockSimulator bedrock = BedrockSimulator.start();
                StsAssumeRoleCredentialsProvider provider = StsAssumeRoleCredentialsProvider.builder()
                        .stsClient(client)
                        .refreshRequest(r -> r.roleArn(ROLE_ARN).roleSessionName("spillway"))
                        .build();
                BedrockRuntimeClient asRole = BedrockRuntimeClient.builder().endpointOverride(bedrock.baseUrl())
                        .region(Region.US_EAST_1).credentialsProvider(provider).build();
                BedrockRuntimeClient asUser = AwsSdkClients.sync(bedrock.baseUrl(), TEST_CREDENTIALS)) {
            bedrock.addCredentials(role.accessKeyId(), role.secretAccessKey(), role.sessionToken());

            asRole.invokeModel(b -> b.modelId(MODEL_ID).body(nativeBody("as the role")));
            asUser.invokeModel(b -> b.modelId(MODEL_ID).body(nativeBody("as the user")));

            RecordedRequest signedByRole = bedrock.takeRequest();
            assertThat(signedByRole.accessKeyId()).isEqualTo(role.accessKeyId());
            assertThat(signedByRole.header("x-amz-security-token")).isEqualTo(role.sessionToken());
            assertThat(bedrock.takeRequest().accessKeyId()).isEqualTo(BedrockSimulator.TEST_ACCESS_KEY_ID);
            assertThat(sts.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void bedrockRefusesTheRolesKeysWithoutTheirSessionToken() {
        StsSimulator.RoleCredentials role = sts.allowRole(ROLE_ARN);
        try (BedrockSimulator bedrock = BedrockSimulator.start()) {
            bedrock.addCredentials(role.accessKeyId(), role.secretAccessKey(), role.sessionToken());
            AwsCredentials withoutToken = AwsBasicCredentials.create(role.accessKeyId(), role.secretAccessKey());
            AwsCredentials wrongToken = AwsSessionCredentials.create(role.accessKeyId(), role.secretAccessKey(),
                    "some-other-token");
            for (AwsCredentials credentials : new AwsCredentials[] {withoutToken, wrongToken}) {
                try (BedrockRuntimeClient client = AwsSdkClients.sync(bedrock.baseUrl(), credentials)) {
                    assertThatThrownBy(() -> client.invokeModel(b -> b.modelId(MODEL_ID).body(nativeBody("Hi"))))
                            .isInstanceOfSatisfying(BedrockRuntimeException.class, e -> {
                                assertThat(e.statusCode()).isEqualTo(403);
                                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
                            });
                }
            }
        }
    }

    @Test
    void anUnknownRoleIsAccessDeniedNamingTheCallerAndTheRole() {
        assertThat(refusal(client, "arn:aws:iam::111122223333:role/Nobody")).satisfies(e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: " + StsSimulator.SOURCE_USER_ARN
                    + " is not authorized to perform: sts:AssumeRole on resource: "
                    + "arn:aws:iam::111122223333:role/Nobody");
            assertThat(e.requestId()).isNotBlank();
        });
    }

    @Test
    void aRoleThatDemandsAnExternalIdRefusesCallsWithoutIt() {
        StsSimulator.RoleCredentials issued = sts.allowRole(ROLE_ARN, "spillway-external-id");

        assertThat(refusal(client, ROLE_ARN).awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        assertThat(client.assumeRole(r -> r.roleArn(ROLE_ARN).roleSessionName("s1")
                .externalId("spillway-external-id")).credentials().accessKeyId()).isEqualTo(issued.accessKeyId());
        sts.takeRequest();
        assertThat(sts.takeRequest().formParameters()).containsEntry("ExternalId", "spillway-external-id");
    }

    @Test
    void durationsOutsideFifteenMinutesToTheRolesHourAndShortSessionNamesAreValidationErrors() {
        sts.allowRole(ROLE_ARN);

        assertThatThrownBy(() -> client.assumeRole(r -> r.roleArn(ROLE_ARN).roleSessionName("s1")
                        .durationSeconds(7200)))
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("MaxSessionDuration");
                });
        assertThatThrownBy(() -> client.assumeRole(r -> r.roleArn(ROLE_ARN).roleSessionName("s2").durationSeconds(60)))
                .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .contains("'durationSeconds'").contains("greater than or equal to 900"));
        assertThatThrownBy(() -> client.assumeRole(r -> r.roleArn(ROLE_ARN).roleSessionName("s")))
                .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("1 validation error detected: Value 's' at 'roleSessionName' failed to satisfy "
                                + "constraint: Member must have length greater than or equal to 2"));
    }

    @Test
    void aWrongSecretOrAnUnknownKeyIsRefusedAsStsWordsIt() {
        sts.allowRole(ROLE_ARN);
        try (StsClient wrongSecret = client(sts.baseUrl(),
                AwsBasicCredentials.create(StsSimulator.TEST_ACCESS_KEY_ID, "not-the-secret"));
                StsClient unknownKey = client(sts.baseUrl(),
                        AwsBasicCredentials.create("AKIDSOMEONEELSE", StsSimulator.TEST_SECRET_ACCESS_KEY))) {
            assertThat(refusal(wrongSecret, ROLE_ARN)).satisfies(e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
            });
            assertThat(refusal(unknownKey, ROLE_ARN)).satisfies(e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
                assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("The security token included in the request is invalid.");
            });
        }
        assertThat(sts.takeRequest().accessKeyId()).isNull();
    }

    @Test
    void assumedRoleCredentialsCanAssumeTheNextRoleInAChain() {
        StsSimulator.RoleCredentials first = sts.allowRole(ROLE_ARN);
        StsSimulator.RoleCredentials second = sts.allowRole("arn:aws:iam::444455556666:role/team/CrossAccount");
        try (StsClient asFirst = client(sts.baseUrl(),
                AwsSessionCredentials.create(first.accessKeyId(), first.secretAccessKey(), first.sessionToken()))) {
            client.assumeRole(r -> r.roleArn(ROLE_ARN).roleSessionName("hop1"));

            AssumeRoleResponse chained = asFirst.assumeRole(r -> r.roleArn(
                    "arn:aws:iam::444455556666:role/team/CrossAccount").roleSessionName("hop2"));

            assertThat(chained.credentials().accessKeyId()).isEqualTo(second.accessKeyId());
            assertThat(chained.assumedRoleUser().arn())
                    .isEqualTo("arn:aws:sts::444455556666:assumed-role/CrossAccount/hop2");
            assertThat(refusal(asFirst, "arn:aws:iam::111122223333:role/Nobody").awsErrorDetails().errorMessage())
                    .startsWith("User: arn:aws:sts::111122223333:assumed-role/BedrockAccess/hop1 is not authorized");
        }
    }

    @Test
    void anUnsignedCallGetsStsXmlErrorShape() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(sts.baseUrl().resolve("/"))
                        .header("content-type", "application/x-www-form-urlencoded; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString("Action=AssumeRole&Version=2011-06-15"
                                + "&RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2FBedrockAccess"
                                + "&RoleSessionName=s"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.headers().firstValue("content-type")).contains("text/xml");
        String requestId = answer.headers().firstValue("x-amzn-RequestId").orElseThrow();
        assertThat(answer.body().replaceAll(">\\s+<", "><").strip()).isEqualTo(
                "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>"
                        + "<Code>MissingAuthenticationToken</Code><Message>Request is missing Authentication Token"
                        + "</Message></Error><RequestId>" + requestId + "</RequestId></ErrorResponse>");
        assertThat(sts.takeRequest().formParameters()).containsEntry("RoleArn", ROLE_ARN);
    }

    private static StsException refusal(StsClient client, String roleArn) {
        try {
            client.assumeRole(r -> r.roleArn(roleArn).roleSessionName("spillway"));
        } catch (StsException e) {
            return e;
        }
        throw new AssertionError("AssumeRole of " + roleArn + " succeeded");
    }
}
