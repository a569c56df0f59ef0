package dev.spillway.engine.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.bedrockruntime.model.AccessDeniedException;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.ConflictException;
import software.amazon.awssdk.services.bedrockruntime.model.InternalServerException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelErrorException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelNotReadyException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelStreamErrorException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelTimeoutException;
import software.amazon.awssdk.services.bedrockruntime.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceUnavailableException;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

class BedrockErrorMapperTest {

    static Stream<Arguments> typedExceptions() {
        return Stream.of(
                row(ThrottlingException.builder(), 429, "ThrottlingException", 429, "rate_limit_error"),
                row(ModelNotReadyException.builder(), 429, "ModelNotReadyException", 429, "rate_limit_error"),
                row(ServiceQuotaExceededException.builder(), 400, "ServiceQuotaExceededException", 429,
                        "rate_limit_error"),
                row(ValidationException.builder(), 400, "ValidationException", 400, "invalid_request_error"),
                row(AccessDeniedException.builder(), 403, "AccessDeniedException", 403, "permission_error"),
                row(ResourceNotFoundException.builder(), 404, "ResourceNotFoundException", 404, "not_found_error"),
                row(ConflictException.builder(), 409, "ConflictException", 409, "conflict_error"),
                row(ModelTimeoutException.builder(), 408, "ModelTimeoutException", 504, "timeout_error"),
                row(ModelErrorException.builder(), 424, "ModelErrorException", 500, "api_error"),
                row(ModelStreamErrorException.builder(), 424, "ModelStreamErrorException", 500, "api_error"),
                row(InternalServerException.builder(), 500, "InternalServerException", 500, "api_error"),
                row(ServiceUnavailableException.builder(), 503, "ServiceUnavailableException", 529,
                        "overloaded_error"));
    }

    private static Arguments row(BedrockRuntimeException.Builder builder, int awsStatus, String code, int status,
            String type) {
        Supplier<Throwable> exception = () -> builder.message("sdk text")
                .statusCode(awsStatus)
                .awsErrorDetails(details(code, "Bedrock says " + code))
                .build();
        return Arguments.of(code, exception, status, type);
    }

    @ParameterizedTest(name = "{0} -> {2} {3}")
    @MethodSource("typedExceptions")
    void mapsTypedExceptions(String code, Supplier<Throwable> exception, int status, String type) {
        AnthropicError error = BedrockErrorMapper.fromException(exception.get());

        assertThat(error.status()).isEqualTo(status);
        assertThat(error.type()).isEqualTo(type);
        assertThat(error.message()).isEqualTo("Bedrock says " + code);
        assertThat(error.retryAfter()).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
        "ThrottlingException,           429, rate_limit_error",
        "ModelNotReadyException,        429, rate_limit_error",
        "ServiceQuotaExceededException, 429, rate_limit_error",
        "ValidationException,           400, invalid_request_error",
        "AccessDeniedException,         403, permission_error",
        "ResourceNotFoundException,     404, not_found_error",
        "ModelTimeoutException,         504, timeout_error",
        "ModelErrorException,           500, api_error",
        "InternalServerException,       500, api_error",
        "ServiceUnavailableException,   529, overloaded_error",
    })
    void mapsByErrorCodeWhenTheClassIsGeneric(String code, int status, String type) {
        Throwable e = BedrockRuntimeException.builder().statusCode(418)
                .awsErrorDetails(details(code, "coded")).build();

        AnthropicError error = BedrockErrorMapper.fromException(e);

        assertThat(error.status()).isEqualTo(status);
        assertThat(error.type()).isEqualTo(type);
    }

    @ParameterizedTest(name = "HTTP {0} -> {1} {2}")
    @CsvSource({
        "400, 400, invalid_request_error",
        "401, 401, authentication_error",
        "403, 403, permission_error",
        "404, 404, not_found_error",
        "408, 504, timeout_error",
        "409, 409, conflict_error",
        "413, 413, request_too_large",
        "422, 400, invalid_request_error",
        "424, 500, api_error",
        "429, 429, rate_limit_error",
        "500, 500, api_error",
        "502, 500, api_error",
        "503, 529, overloaded_error",
        "504, 504, timeout_error",
    })
    void mapsOtherServiceExceptionsByStatus(int awsStatus, int status, String type) {
        Throwable e = AwsServiceException.builder().statusCode(awsStatus)
                .awsErrorDetails(details("UnrecognizedClientException", "The security token is invalid.")).build();

        AnthropicError error = BedrockErrorMapper.fromException(e);

        assertThat(error.status()).isEqualTo(status);
        assertThat(error.type()).isEqualTo(type);
        assertThat(error.message()).isEqualTo("The security token is invalid.");
    }

    @Test
    void plainSdkServiceExceptionUsesItsUndecoratedMessage() {
        Throwable e = SdkServiceException.builder().statusCode(500).message("boom").build();

        assertThat(BedrockErrorMapper.fromException(e))
                .isEqualTo(new AnthropicError(500, "api_error", "boom", Optional.empty()));
    }

    @Test
    void keepsAwsMessageWithoutTheSdkDecoration() {
        ValidationException e = ValidationException.builder()
                .message("context_management: Extra inputs are not permitted")
                .statusCode(400)
                .requestId("abc-123")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException").serviceName("BedrockRuntime")
                        .build())
                .build();
        assertThat(e.getMessage()).contains("Service:").contains("Request ID");

        AnthropicError error = BedrockErrorMapper.fromException(e);

        assertThat(error.message()).isEqualTo("context_management: Extra inputs are not permitted");
    }

    @Test
    void fallsBackToADefaultMessage() {
        Throwable e = ThrottlingException.builder().statusCode(429).build();

        assertThat(BedrockErrorMapper.fromException(e).message()).isEqualTo("Rate limited");
    }

    @Test
    void readsRetryAfterWhenBedrockSendsIt() {
        Throwable e = ThrottlingException.builder().statusCode(429)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").errorMessage("slow down")
                        .sdkHttpResponse(SdkHttpResponse.builder().statusCode(429).putHeader("Retry-After", "7").build())
                        .build())
                .build();

        assertThat(BedrockErrorMapper.fromException(e).retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void unwrapsCompletionAndExecutionExceptions() {
        Throwable throttled = ThrottlingException.builder().statusCode(429)
                .awsErrorDetails(details("ThrottlingException", "Too many requests")).build();

        AnthropicError error = BedrockErrorMapper.fromException(
                new CompletionException(new ExecutionException(throttled)));

        assertThat(error).isEqualTo(new AnthropicError(429, "rate_limit_error", "Too many requests", Optional.empty()));
    }

    @Test
    void missingCredentialsNameTheProfileAndTheFix() {
        Throwable e = new CompletionException(SdkClientException.create(
                "Unable to load credentials from any of the providers in the chain AwsCredentialsProviderChain(...)"));

        AnthropicError error = BedrockErrorMapper.fromException(e, "work-sso");

        assertThat(error.status()).isEqualTo(500);
        assertThat(error.type()).isEqualTo("api_error");
        assertThat(error.message()).isEqualTo("AWS Bedrock: no AWS credentials found for profile work-sso: run "
                + "`aws sso login --profile work-sso` or set aws_access_key_id/aws_secret_access_key in the config");
    }

    @Test
    void profileIsTakenFromTheSdkMessageWhenNotGiven() {
        Throwable e = SdkClientException.create("Profile file contained no credentials for profile 'dev': ProfileFile()");

        assertThat(BedrockErrorMapper.fromException(e).message())
                .startsWith("AWS Bedrock: no AWS credentials found for profile dev: run `aws sso login --profile dev`");
    }

    @Test
    void credentialAdviceWithoutAnyProfile() {
        Throwable e = SdkClientException.create("Unable to load credentials from system settings.");

        assertThat(BedrockErrorMapper.fromException(e).message()).startsWith("AWS Bedrock: no AWS credentials found: "
                + "run `aws sso login` (with --profile <name> for a named profile) or set");
    }

    @Test
    void expiredSsoSession() {
        Throwable e = SdkClientException.builder().message("Unable to load credentials from SsoCredentialsProvider")
                .cause(SdkClientException.create("The SSO session associated with this profile has expired or is "
                        + "otherwise invalid. To refresh this SSO session run aws sso login with the corresponding "
                        + "profile."))
                .build();

        assertThat(BedrockErrorMapper.fromException(e, "work-sso"))
                .isEqualTo(new AnthropicError(500, "api_error", "AWS Bedrock: the AWS SSO session for profile work-sso "
                        + "has expired or is invalid: run `aws sso login --profile work-sso`", Optional.empty()));
    }

    @Test
    void ssoServiceRejectionIsACredentialFailure() {
        Throwable sso = AwsServiceException.builder().statusCode(401)
                .awsErrorDetails(AwsErrorDetails.builder().serviceName("Sso").errorCode("UnauthorizedException")
                        .errorMessage("Session token not found or invalid").build())
                .build();

        AnthropicError error = BedrockErrorMapper.fromException(SdkClientException.create("Unable to load", sso), "p");

        assertThat(error.status()).isEqualTo(500);
        assertThat(error.message()).startsWith("AWS Bedrock: no AWS credentials found for profile p");
    }

    @Test
    void aRefusedAssumeRoleNamesTheProfileAndStsReasonNotSsoAdvice() {
        Throwable denied = AwsServiceException.builder().statusCode(403)
                .awsErrorDetails(AwsErrorDetails.builder().serviceName("Sts").errorCode("AccessDenied")
                        .errorMessage("User: arn:aws:iam::111122223333:user/dev is not authorized to perform: "
                                + "sts:AssumeRole on resource: arn:aws:iam::111122223333:role/Missing").build())
                .build();

        AnthropicError error = BedrockErrorMapper.fromException(new CompletionException(denied), "bedrock-role");

        assertThat(error).isEqualTo(new AnthropicError(500, "api_error", "AWS Bedrock: AWS profile bedrock-role "
                + "could not assume its role (STS AccessDenied: User: arn:aws:iam::111122223333:user/dev is not "
                + "authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111122223333:role/Missing): check "
                + "its role_arn, the role's trust policy and the credentials of its source_profile or "
                + "credential_source", Optional.empty()));
        assertThat(BedrockErrorMapper.isCredentialProblem(denied)).as("the router moves on at once").isTrue();
    }

    @Test
    void aRefusedSourceKeyIsReportedWithoutTheKey() {
        String keyShaped = "ASIA" + "SPILLWAYTEST0001"; // the shape of a temporary key id, kept out of the source
        Throwable refused = SdkClientException.create("Unable to load credentials", AwsServiceException.builder()
                .statusCode(403)
                .awsErrorDetails(AwsErrorDetails.builder().serviceName("Sts").errorCode("InvalidClientTokenId")
                        .errorMessage("The security token included in the request is invalid. " + keyShaped)
                        .build())
                .build());

        assertThat(BedrockErrorMapper.fromException(refused, "bedrock-role").message())
                .startsWith("AWS Bedrock: AWS profile bedrock-role could not assume its role (STS "
                        + "InvalidClientTokenId: The security token included in the request is invalid. [redacted])")
                .doesNotContain(keyShaped);
    }

    @Test
    void unknownHost() {
        Throwable e = SdkClientException.create("Unable to execute HTTP request",
                new UnknownHostException("bedrock-runtime.xx-nowhere-1.amazonaws.com"));

        assertThat(BedrockErrorMapper.fromException(e).message()).isEqualTo("AWS Bedrock: cannot resolve host "
                + "bedrock-runtime.xx-nowhere-1.amazonaws.com: check the AWS region in the config and your network/DNS");
    }

    @Test
    void connectionRefused() {
        Throwable e = new CompletionException(SdkClientException.create("Unable to execute HTTP request",
                new ConnectException("Connection refused: localhost/127.0.0.1:9999")));

        AnthropicError error = BedrockErrorMapper.fromException(e);

        assertThat(error.status()).isEqualTo(500);
        assertThat(error.type()).isEqualTo("api_error");
        assertThat(error.message()).isEqualTo("AWS Bedrock: cannot connect to the Bedrock endpoint (Connection "
                + "refused: localhost/127.0.0.1:9999): check your network, proxy and endpoint settings");
    }

    @Test
    void tlsFailure() {
        Throwable e = SdkClientException.create("x", new SSLHandshakeException("PKIX path building failed"));

        assertThat(BedrockErrorMapper.fromException(e).message()).startsWith(
                "AWS Bedrock: TLS handshake with the Bedrock endpoint failed (PKIX path building failed)");
    }

    @Test
    void missingRegion() {
        Throwable e = SdkClientException.create("Unable to load region from any of the providers in the chain");

        assertThat(BedrockErrorMapper.fromException(e).message())
                .isEqualTo("AWS Bedrock: no AWS region configured: set aws_region_name in the config");
    }

    @Test
    void otherClientFailures() {
        assertThat(BedrockErrorMapper.fromException(SdkClientException.create("Unable to execute HTTP request",
                new IOException("Connection reset"))).message())
                .isEqualTo("AWS Bedrock: request failed (Connection reset)");
        assertThat(BedrockErrorMapper.fromException(new IllegalStateException("bad state")))
                .isEqualTo(new AnthropicError(500, "api_error", "AWS Bedrock: request failed: IllegalStateException "
                        + "(bad state)", Optional.empty()));
        assertThat(BedrockErrorMapper.fromException(null).status()).isEqualTo(500);
    }

    static Stream<Throwable> timeouts() {
        return Stream.of(
                new TimeoutException("60s"),
                new CompletionException(new TimeoutException()),
                ApiCallTimeoutException.create(60_000),
                ApiCallAttemptTimeoutException.create(10_000),
                SdkClientException.create("Unable to execute HTTP request", new SocketTimeoutException("Read timed out")));
    }

    @ParameterizedTest
    @MethodSource("timeouts")
    void timeoutsAre504(Throwable e) {
        AnthropicError error = BedrockErrorMapper.fromException(e);

        assertThat(error.status()).isEqualTo(504);
        assertThat(error.type()).isEqualTo("timeout_error");
        assertThat(error.message()).startsWith("AWS Bedrock: request timed out");
    }

    @Test
    void neverLeaksKeys() {
        Throwable e = SdkClientException.create("Unable to execute HTTP request for AKIAIOSFODNN7EXAMPLE with "
                + "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");

        String message = BedrockErrorMapper.fromException(e).message();

        assertThat(message).doesNotContain("AKIAIOSFODNN7EXAMPLE").doesNotContain("wJalrXUtnFEMI")
                .contains("[redacted]");
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
        "throttlingException,          429, rate_limit_error",
        "modelStreamErrorException,    500, api_error",
        "validationException,          400, invalid_request_error",
        "internalServerException,      500, api_error",
        "serviceUnavailableException,  529, overloaded_error",
        "modelTimeoutException,        504, timeout_error",
        "somethingNewException,        500, api_error",
    })
    void mapsStreamExceptionFrames(String exceptionType, int status, String type) {
        AnthropicError error = BedrockErrorMapper.fromStreamException(exceptionType, "frame message");

        assertThat(error).isEqualTo(new AnthropicError(status, type, "frame message", Optional.empty()));
    }

    @Test
    void streamExceptionWithoutMessageOrType() {
        assertThat(BedrockErrorMapper.fromStreamException("throttlingException", null).message())
                .isEqualTo("Rate limited");
        assertThat(BedrockErrorMapper.fromStreamException(null, "").type()).isEqualTo("api_error");
    }

    @Test
    void serializesLikeAnthropic() {
        AnthropicError error = new AnthropicError(429, "rate_limit_error", "Too many \"requests\"\n", Optional.empty());

        assertThat(new String(error.toJson("req_011CSHoEeqs5C35K2UUqR7Fy"), StandardCharsets.UTF_8)).isEqualTo(
                "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Too many \\\"requests\\\"\\n\"},"
                        + "\"request_id\":\"req_011CSHoEeqs5C35K2UUqR7Fy\"}");
        assertThat(new String(error.toJson(null), StandardCharsets.UTF_8)).isEqualTo(
                "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Too many \\\"requests\\\"\\n\"}}");
    }

    private static AwsErrorDetails details(String code, String message) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("BedrockRuntime").build();
    }
}
