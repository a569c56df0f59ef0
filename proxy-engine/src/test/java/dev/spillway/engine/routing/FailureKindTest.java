package dev.spillway.engine.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.engine.upstream.ChunkStream;
import dev.spillway.engine.upstream.UpstreamResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FailureKindTest {

    private static UpstreamResponse answer(int status, String body) {
        return UpstreamResponse.complete(status, Map.of("content-type", List.of("application/json")),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static String anthropicError(String type, String message) {
        return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"},"
                + "\"request_id\":\"req_011CSHoEeqs5C35K2UUqR7Fy\"}";
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({
        "200, NONE",
        "201, NONE",
        "204, NONE",
        "304, NONE",
        "400, CLIENT_ERROR",
        "401, CLIENT_ERROR",
        "403, CLIENT_ERROR",
        "404, CLIENT_ERROR",
        "409, CLIENT_ERROR",
        "413, CLIENT_ERROR",
        "422, CLIENT_ERROR",
        "402, RATE_LIMIT",
        "429, RATE_LIMIT",
        "529, RATE_LIMIT",
        "408, TIMEOUT",
        "504, TIMEOUT",
        "500, SERVER_ERROR",
        "501, SERVER_ERROR",
        "502, SERVER_ERROR",
        "503, SERVER_ERROR",
        "599, SERVER_ERROR",
    })
    void everyStatusClassIsClassified(int status, FailureKind expected) {
        assertThat(FailureKind.of(answer(status, anthropicError(status >= 400 ? "api_error" : "x", "m"))))
                .isEqualTo(expected);
    }

    @Test
    void lowCreditBalanceIsARateLimitNotTheClientsFault() {
        UpstreamResponse response = answer(400, anthropicError("invalid_request_error",
                "Your credit balance is too low to access the Anthropic API. "
                        + "Please go to Plans & Billing to upgrade or purchase credits."));

        assertThat(FailureKind.of(response)).isEqualTo(FailureKind.RATE_LIMIT);
    }

    @Test
    void reachedUsageLimitsIsARateLimit() {
        UpstreamResponse response = answer(400, anthropicError("invalid_request_error",
                "You have reached your specified API usage limits. You will regain access on 2026-12-01 at 00:00 UTC."));

        assertThat(FailureKind.of(response)).isEqualTo(FailureKind.RATE_LIMIT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Credit Balance too low", "monthly SPEND LIMIT reached", "insufficient_credits",
        "Insufficient credits", "Payment Required"})
    void exhaustedCreditWordingIsMatchedCaseInsensitively(String message) {
        assertThat(FailureKind.of(answer(400, anthropicError("invalid_request_error", message))))
                .isEqualTo(FailureKind.RATE_LIMIT);
    }

    @Test
    void ordinaryBadRequestIsTheClientsError() {
        UpstreamResponse response = answer(400, anthropicError("invalid_request_error",
                "messages.0.content: Field required"));

        assertThat(FailureKind.of(response)).isEqualTo(FailureKind.CLIENT_ERROR);
    }

    @Test
    void creditWordingOnlyCountsOnA400() {
        UpstreamResponse forbidden = answer(403, anthropicError("permission_error", "Your credit balance is too low"));

        assertThat(FailureKind.of(forbidden)).isEqualTo(FailureKind.CLIENT_ERROR);
    }

    @Test
    void internalUnavailableHeaderWinsOverTheStatus() {
        UpstreamResponse cooling = answer(429, anthropicError("rate_limit_error", "cooling down"))
                .withHeader(FailureKind.UNAVAILABLE_HEADER, "true");
        UpstreamResponse noCredential = answer(401, anthropicError("authentication_error", "no credential"))
                .withHeader("X-Spillway-Internal-Unavailable", "true");

        assertThat(FailureKind.of(cooling)).isEqualTo(FailureKind.UNAVAILABLE);
        assertThat(FailureKind.of(noCredential)).isEqualTo(FailureKind.UNAVAILABLE);
    }

    @Test
    void streamingSuccessIsNoFailure() {
        UpstreamResponse response = UpstreamResponse.streaming(200,
                Map.of("content-type", List.of("text/event-stream")), new ChunkStream(), false);

        assertThat(FailureKind.of(response)).isEqualTo(FailureKind.NONE);
    }

    @Test
    void eachKindSaysWhetherItFallsBackCoolsDownAndWhichPolicyKeyRetriesIt() {
        assertThat(FailureKind.values()).filteredOn(FailureKind::fallsBack)
                .containsExactlyInAnyOrder(FailureKind.RATE_LIMIT, FailureKind.TIMEOUT, FailureKind.SERVER_ERROR,
                        FailureKind.UNAVAILABLE);
        assertThat(FailureKind.values()).filteredOn(FailureKind::coolsDown)
                .containsExactlyInAnyOrder(FailureKind.RATE_LIMIT, FailureKind.TIMEOUT, FailureKind.SERVER_ERROR);
        assertThat(FailureKind.RATE_LIMIT.retryPolicyKey()).isEqualTo("RateLimitErrorRetries");
        assertThat(FailureKind.TIMEOUT.retryPolicyKey()).isEqualTo("TimeoutErrorRetries");
        assertThat(FailureKind.SERVER_ERROR.retryPolicyKey()).isEqualTo("InternalServerErrorRetries");
        assertThat(FailureKind.CLIENT_ERROR.retryPolicyKey()).isEqualTo("BadRequestErrorRetries");
    }
}
