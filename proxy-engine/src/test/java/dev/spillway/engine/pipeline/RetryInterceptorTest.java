package dev.spillway.engine.pipeline;

import static dev.spillway.engine.pipeline.ScriptedProvider.error;
import static dev.spillway.engine.pipeline.ScriptedProvider.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.engine.routing.FailureKind;
import dev.spillway.engine.upstream.UpstreamResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryInterceptorTest {

    private final Gateway gateway = new Gateway();

    @Test
    void rateLimitGoesToTheNextGroupAtOnceWithoutRetrying() throws Exception {
        ScriptedProvider anthropic = gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1").then(429);
        ScriptedProvider bedrock = gateway.deploy("bedrock/claude-sonnet", "bedrock/claude-sonnet-4-5", "b1").then(200);
        gateway.fallback("claude-sonnet", "bedrock/claude-sonnet").numRetries(3);
        RoutedCall call = gateway.call("claude-sonnet");

        UpstreamResponse response = gateway.send(call);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).contains("bedrock");
        assertThat(anthropic.callCount()).isEqualTo(1);
        assertThat(bedrock.callCount()).isEqualTo(1);
        assertThat(call.trace().retries()).isZero();
        assertThat(call.trace().fallbacks()).isEqualTo(1);
    }

    @Test
    void aDeploymentThatCannotCallForWantOfCredentialsIsNotRetriedTheRouterMovesOnAtOnce() throws Exception {
        UpstreamResponse noCredentials = json(500,
                "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"AWS Bedrock: no role\"}}",
                Map.of()).withHeader(FailureKind.UNAVAILABLE_HEADER, "true");
        ScriptedProvider denied = gateway.deploy("bedrock/claude-sonnet", "bedrock/claude-sonnet-4-5", "b1")
                .then(noCredentials).then(noCredentials).then(noCredentials);
        ScriptedProvider other = gateway.deploy("other/claude-sonnet", "bedrock/claude-sonnet-4-5", "b2").then(200);
        gateway.fallback("bedrock/claude-sonnet", "other/claude-sonnet").numRetries(2);
        RoutedCall call = gateway.call("bedrock/claude-sonnet");

        UpstreamResponse response = gateway.send(call);

        assertThat(response.status()).isEqualTo(200);
        assertThat(denied.callCount()).as("retrying cannot bring credentials").isEqualTo(1);
        assertThat(other.callCount()).isEqualTo(1);
        assertThat(call.trace().retries()).isZero();
        assertThat(gateway.cooldowns().isCoolingDown("b1")).isFalse();
    }

    @Test
    void rateLimitIsRetriedOnAnotherDeploymentWhenTheRetryPolicyAsks() throws Exception {
        ScriptedProvider first = gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1").then(429);
        ScriptedProvider second = gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a2").then(200);
        ScriptedProvider bedrock = gateway.deploy("bedrock/claude-sonnet", "bedrock/claude-sonnet-4-5", "b1");
        gateway.fallback("claude-sonnet", "bedrock/claude-sonnet").retryPolicy("RateLimitErrorRetries", 1);
        RoutedCall call = gateway.call("claude-sonnet");

        UpstreamResponse response = gateway.send(call);

        assertThat(response.status()).isEqualTo(200);
        assertThat(first.callCount()).isEqualTo(1);
        assertThat(second.callCount()).isEqualTo(1);
        assertThat(bedrock.callCount()).isZero();
        assertThat(call.trace().retries()).isEqualTo(1);
        assertThat(call.trace().fallbacks()).isZero();
    }

    @Test
    void rateLimitWithNowhereToFallBackIsReturnedWithItsRetryAfter() throws Exception {
        UpstreamResponse limited = json(429,
                "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}",
                Map.of("retry-after", "30"));
        ScriptedProvider anthropic = gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1").then(limited);
        gateway.numRetries(2);
        RoutedCall call = gateway.call("claude-sonnet");

        UpstreamResponse response = gateway.send(call);

        assertThat(response).isSameAs(limited);
        assertThat(anthropic.callCount()).isEqualTo(1);
        assertThat(call.trace().retries()).isZero();
    }

    @Test
    void serverErrorIsRetriedOnTheOnlyDeploymentAfterABackoff() throws Exception {
        ScriptedProvider anthropic = gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1")
                .then(500).then(200);
        gateway.numRetries(1);
        RoutedCall call = gateway.call("claude-sonnet");

        long start = System.nanoTime();
        UpstreamResponse response = gateway.send(call);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.status()).isEqualTo(200);
        assertThat(anthropic.callCount()).isEqualTo(2);
        assertThat(call.trace().retries()).isEqualTo(1);
        assertThat(took).as("first backoff is 0.5 s with 25 %% jitter").isGreaterThanOrEqualTo(Duration.ofMillis(375));
    }

    @Test
    void serverErrorsAreRetriedNumRetriesTimesAcrossDeploymentsWithoutWaitingThenFallBack() throws Exception {
        ScriptedProvider first = gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1")
                .then(500).then(502);
        ScriptedProvider second = gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a2").then(503);
        ScriptedProvider bedrock = gateway.deploy("bedrock/claude-sonnet", "bedrock/claude-sonnet-4-5", "b1").then(200);
        gateway.fallback("claude-sonnet", "bedrock/claude-sonnet").numRetries(2).allowedFails(10);
        RoutedCall call = gateway.call("claude-sonnet");

        long start = System.nanoTime();
        UpstreamResponse response = gateway.send(call);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.status()).isEqualTo(200);
        assertThat(call.trace().attempts()).extracting(RequestTrace.Attempt::deploymentId)
                .containsExactly("a1", "a2", "a1", "b1");
        assertThat(call.trace().attempts()).extracting(RequestTrace.Attempt::status)
                .containsExactly(500, 503, 502, 200);
        assertThat(first.scriptUsedUp()).isTrue();
        assertThat(second.scriptUsedUp()).isTrue();
        assertThat(bedrock.scriptUsedUp()).isTrue();
        assertThat(call.trace().retries()).isEqualTo(2);
        assertThat(call.trace().fallbacks()).isEqualTo(1);
        assertThat(took).as("two backoffs would take at least 1.1 s").isLessThan(Duration.ofMillis(1_000));
    }

    @Test
    void retriesWithinARequestIgnoreCooldownsTheyStart() throws Exception {
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1").then(500).then(500);
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a2").then(500);
        gateway.numRetries(2).allowedFails(0);
        RoutedCall call = gateway.call("claude-sonnet");

        UpstreamResponse response = gateway.send(call);

        assertThat(response.status()).isEqualTo(500);
        assertThat(call.trace().attempts()).extracting(RequestTrace.Attempt::deploymentId)
                .containsExactly("a1", "a2", "a1");
        assertThat(gateway.cooldowns().isCoolingDown("a1")).isTrue();
        assertThat(gateway.cooldowns().isCoolingDown("a2")).isTrue();
    }

    @Test
    void retryPolicyOverridesNumRetries() throws Exception {
        ScriptedProvider first = gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1").then(500);
        ScriptedProvider second = gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a2");
        ScriptedProvider bedrock = gateway.deploy("bedrock/claude-sonnet", "bedrock/claude-sonnet-4-5", "b1").then(200);
        gateway.fallback("claude-sonnet", "bedrock/claude-sonnet").numRetries(5)
                .retryPolicy("InternalServerErrorRetries", 0);
        RoutedCall call = gateway.call("claude-sonnet");

        assertThat(gateway.send(call).status()).isEqualTo(200);

        assertThat(first.callCount()).isEqualTo(1);
        assertThat(second.callCount()).isZero();
        assertThat(bedrock.callCount()).isEqualTo(1);
        assertThat(call.trace().retries()).isZero();
    }

    @Test
    void timeoutsFollowTheirOwnRetryPolicy() throws Exception {
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1").then(504);
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a2").then(200);
        gateway.numRetries(0).retryPolicy("TimeoutErrorRetries", 1);
        RoutedCall call = gateway.call("claude-sonnet");

        assertThat(gateway.send(call).status()).isEqualTo(200);

        assertThat(call.trace().attempts()).extracting(RequestTrace.Attempt::kind)
                .containsExactly(FailureKind.TIMEOUT, FailureKind.NONE);
    }

    @Test
    void clientErrorIsReturnedAsIsWithoutRetryFallbackOrCooldown() throws Exception {
        UpstreamResponse badRequest = error(400, "messages.0.content: Field required");
        ScriptedProvider anthropic = gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1")
                .then(badRequest);
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a2");
        ScriptedProvider bedrock = gateway.deploy("bedrock/claude-sonnet", "bedrock/claude-sonnet-4-5", "b1");
        gateway.fallback("claude-sonnet", "bedrock/claude-sonnet").numRetries(3);
        RoutedCall call = gateway.call("claude-sonnet");

        UpstreamResponse response = gateway.send(call);

        assertThat(response).isSameAs(badRequest);
        assertThat(anthropic.callCount()).isEqualTo(1);
        assertThat(bedrock.callCount()).isZero();
        assertThat(call.trace().retries()).isZero();
        assertThat(call.trace().fallbacks()).isZero();
        assertThat(gateway.cooldowns().isCoolingDown("a1")).isFalse();
    }

    @Test
    void authenticationErrorFromTheUpstreamIsTheClientsToo() throws Exception {
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1").then(401);
        ScriptedProvider bedrock = gateway.deploy("bedrock/claude-sonnet", "bedrock/claude-sonnet-4-5", "b1");
        gateway.fallback("claude-sonnet", "bedrock/claude-sonnet");

        assertThat(gateway.send(gateway.call("claude-sonnet")).status()).isEqualTo(401);
        assertThat(bedrock.callCount()).isZero();
    }

    @Test
    void exhaustedCreditFallsBackLikeARateLimit() throws Exception {
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1")
                .then(error(400, "Your credit balance is too low to access the Anthropic API."));
        gateway.deploy("bedrock/claude-sonnet", "bedrock/claude-sonnet-4-5", "b1").then(200);
        gateway.fallback("claude-sonnet", "bedrock/claude-sonnet").numRetries(2);
        RoutedCall call = gateway.call("claude-sonnet");

        assertThat(gateway.send(call).status()).isEqualTo(200);
        assertThat(call.trace().retries()).isZero();
        assertThat(gateway.cooldowns().isCoolingDown("a1")).isTrue();
    }

    @Test
    void rateLimitCooldownLastsAsLongAsTheUpstreamsRetryAfter() throws Exception {
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1")
                .then(json(429, "{}", Map.of("retry-after", "120")));
        gateway.cooldownTime(Duration.ofSeconds(60));

        gateway.send(gateway.call("claude-sonnet"));

        assertThat(gateway.cooldowns().remaining("a1")).contains(Duration.ofSeconds(120));
    }

    @Test
    void absurdRetryAfterFromTheUpstreamStillFallsBack() throws Exception {
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1")
                .then(json(429, "{}", Map.of("retry-after", "1e12")));
        gateway.deploy("bedrock/claude-sonnet", "bedrock/claude-sonnet-4-5", "b1").then(200);
        gateway.fallback("claude-sonnet", "bedrock/claude-sonnet");

        assertThat(gateway.send(gateway.call("claude-sonnet")).status()).isEqualTo(200);
        assertThat(gateway.cooldowns().isCoolingDown("a1")).isTrue();
    }

    @Test
    void successClearsTheFailuresCountedTowardsACooldown() throws Exception {
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1").then(500).then(200).then(500);
        gateway.allowedFails(1);

        assertThat(gateway.send(gateway.call("claude-sonnet")).status()).isEqualTo(500);
        assertThat(gateway.send(gateway.call("claude-sonnet")).status()).isEqualTo(200);
        assertThat(gateway.send(gateway.call("claude-sonnet")).status()).isEqualTo(500);

        assertThat(gateway.cooldowns().isCoolingDown("a1")).as("only one failure since the success").isFalse();
    }

    @Test
    void coolingDeploymentIsSkippedForTheOthersOfItsGroup() throws Exception {
        ScriptedProvider first = gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1");
        ScriptedProvider second = gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a2").then(200);
        gateway.cooldowns().recordFailure("a1", Optional.empty());
        RoutedCall call = gateway.call("claude-sonnet");

        assertThat(gateway.send(call).status()).isEqualTo(200);

        assertThat(first.callCount()).isZero();
        assertThat(second.callCount()).isEqualTo(1);
        assertThat(call.trace().served().deployment().id()).isEqualTo("a2");
    }

    @Test
    void groupWhoseDeploymentsAreAllCoolingFallsThroughWithoutCallingThem() throws Exception {
        ScriptedProvider anthropic = gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1");
        gateway.deploy("bedrock/claude-sonnet", "bedrock/claude-sonnet-4-5", "b1").then(200);
        gateway.fallback("claude-sonnet", "bedrock/claude-sonnet");
        gateway.cooldowns().recordFailure("a1", Optional.empty());
        RoutedCall call = gateway.call("claude-sonnet");

        assertThat(gateway.send(call).status()).isEqualTo(200);

        assertThat(anthropic.callCount()).isZero();
        assertThat(call.trace().fallbacks()).isEqualTo(1);
        assertThat(call.trace().attempts()).extracting(RequestTrace.Attempt::deploymentId).containsExactly("b1");
    }

    @Test
    void groupWhoseDeploymentsCannotServeTheCallerFallsThrough() throws Exception {
        ScriptedProvider anthropic = gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1")
                .refuseToServe();
        gateway.deploy("bedrock/claude-sonnet", "bedrock/claude-sonnet-4-5", "b1").then(200);
        gateway.fallback("claude-sonnet", "bedrock/claude-sonnet");
        RoutedCall call = gateway.call("claude-sonnet");

        assertThat(gateway.send(call).status()).isEqualTo(200);

        assertThat(anthropic.callCount()).isZero();
        assertThat(gateway.cooldowns().isCoolingDown("a1")).as("not serving is no failure").isFalse();
    }

    @Test
    void whenEveryDeploymentIsCoolingTheClientIsToldWhenToComeBack() throws Exception {
        ScriptedProvider anthropic = gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1");
        gateway.cooldownTime(Duration.ofSeconds(60));
        gateway.cooldowns().recordFailure("a1", Optional.empty());
        gateway.clock.addAndGet(Duration.ofMillis(30_500).toNanos());
        RoutedCall call = gateway.call("claude-sonnet");

        UpstreamResponse response = gateway.send(call);

        assertThat(response.status()).isEqualTo(429);
        assertThat(response.header("retry-after")).contains("30");
        assertThat(response.bodyText()).contains("rate_limit_error", "claude-sonnet", "try again in 30 s");
        assertThat(FailureKind.of(response)).isEqualTo(FailureKind.UNAVAILABLE);
        assertThat(anthropic.callCount()).isZero();
        assertThat(call.trace().attempts()).isEmpty();
        assertThat(call.trace().served()).isNull();
    }

    @Test
    void whenNoDeploymentHasACredentialTheClientIsAskedForOne() throws Exception {
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1").refuseToServe();
        RoutedCall call = gateway.call("claude-sonnet");

        UpstreamResponse response = gateway.send(call);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.bodyText()).contains("authentication_error", "x-api-key");
        assertThat(FailureKind.of(response)).isEqualTo(FailureKind.UNAVAILABLE);
        assertThat(response.header("retry-after")).isEmpty();
    }
}
