package dev.spillway.engine.pipeline;

import static dev.spillway.engine.pipeline.ScriptedProvider.error;
import static dev.spillway.engine.pipeline.ScriptedProvider.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.engine.routing.FailureKind;
import dev.spillway.engine.upstream.UpstreamResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FallbackInterceptorTest {

    private final Gateway gateway = new Gateway();

    @Test
    void fallbacksAreTriedInOrderUntilOneSucceeds() throws Exception {
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1").then(529);
        gateway.deploy("bedrock-us", "bedrock/claude-sonnet-4-5", "b1").then(500);
        gateway.deploy("bedrock-eu", "bedrock/claude-sonnet-4-5", "b2").then(200);
        ScriptedProvider last = gateway.deploy("vertex", "vertex_ai/claude-sonnet-4-5", "v1");
        gateway.fallback("claude-sonnet", "bedrock-us", "bedrock-eu", "vertex");
        RoutedCall call = gateway.call("claude-sonnet");

        UpstreamResponse response = gateway.send(call);

        assertThat(response.status()).isEqualTo(200);
        assertThat(last.callCount()).isZero();
        assertThat(call.trace().fallbacks()).isEqualTo(2);
        assertThat(call.trace().attempts()).extracting(RequestTrace.Attempt::modelGroup)
                .containsExactly("claude-sonnet", "bedrock-us", "bedrock-eu");
        assertThat(call.trace().served().group()).isEqualTo("bedrock-eu");
        assertThat(call.trace().served().deployment().id()).isEqualTo("b2");
    }

    @Test
    void fallbackGroupIsAskedForTheModelTheClientRequested() throws Exception {
        ScriptedProvider anthropic = gateway.deploy("claude-*", "anthropic/*", "anthropic").then(429);
        ScriptedProvider bedrock = gateway.deploy("bedrock/claude-*", "bedrock/*", "bedrock").then(200);
        gateway.fallback("claude-*", "bedrock/claude-*");
        RoutedCall call = gateway.call("claude-opus-4-5-20251101");

        assertThat(gateway.send(call).status()).isEqualTo(200);

        assertThat(anthropic.calls().get(0).upstreamModel()).isEqualTo("claude-opus-4-5-20251101");
        assertThat(bedrock.calls().get(0).upstreamModel()).isEqualTo("claude-opus-4-5-20251101");
        assertThat(call.trace().served().upstreamModel()).isEqualTo("claude-opus-4-5-20251101");
        assertThat(call.trace().served().group()).isEqualTo("bedrock/claude-*");
    }

    @Test
    void fallbackFailingWithItsOwnClientErrorGivesTheClientThePrimaryFailure() throws Exception {
        UpstreamResponse limited = json(429,
                "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"rate limited\"}}",
                Map.of("retry-after", "30"));
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1").then(limited);
        gateway.deploy("bedrock/claude-sonnet", "bedrock/claude-sonnet-4-5", "b1")
                .then(error(403, "User is not authorized to perform: bedrock:InvokeModel"));
        ScriptedProvider third = gateway.deploy("vertex", "vertex_ai/claude-sonnet-4-5", "v1");
        gateway.fallback("claude-sonnet", "bedrock/claude-sonnet", "vertex");
        RoutedCall call = gateway.call("claude-sonnet");

        UpstreamResponse response = gateway.send(call);

        assertThat(response).isSameAs(limited);
        assertThat(response.retryAfter()).isPresent();
        assertThat(third.callCount()).as("a client error stops the fallbacks").isZero();
        assertThat(call.trace().fallbacks()).isEqualTo(1);
        assertThat(call.trace().attempts()).extracting(RequestTrace.Attempt::status).containsExactly(429, 403);
        assertThat(call.trace().served().deployment().id()).as("the answer sent is the primary's").isEqualTo("a1");
    }

    @Test
    void everyFallbackFailingGivesTheClientTheFirstFailure() throws Exception {
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1").then(529);
        gateway.deploy("bedrock/claude-sonnet", "bedrock/claude-sonnet-4-5", "b1").then(500);
        gateway.fallback("claude-sonnet", "bedrock/claude-sonnet");
        RoutedCall call = gateway.call("claude-sonnet");

        UpstreamResponse response = gateway.send(call);

        assertThat(response.status()).isEqualTo(529);
        assertThat(response.bodyText()).contains("overloaded_error");
        assertThat(call.trace().served().group()).isEqualTo("claude-sonnet");
    }

    @Test
    void realFailureOfAFallbackReplacesAnUnavailablePrimary() throws Exception {
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1").refuseToServe();
        gateway.deploy("bedrock/claude-sonnet", "bedrock/claude-sonnet-4-5", "b1").then(503);
        gateway.fallback("claude-sonnet", "bedrock/claude-sonnet");
        RoutedCall call = gateway.call("claude-sonnet");

        UpstreamResponse response = gateway.send(call);

        assertThat(response.status()).isEqualTo(503);
        assertThat(FailureKind.of(response)).isEqualTo(FailureKind.SERVER_ERROR);
        assertThat(call.trace().served().deployment().id()).isEqualTo("b1");
    }

    @Test
    void unavailablePrimaryAndFallbackStaysUnavailable() throws Exception {
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1");
        gateway.deploy("bedrock/claude-sonnet", "bedrock/claude-sonnet-4-5", "b1");
        gateway.fallback("claude-sonnet", "bedrock/claude-sonnet");
        gateway.cooldowns().recordFailure("a1", Optional.empty());
        gateway.cooldowns().recordFailure("b1", Optional.empty());
        RoutedCall call = gateway.call("claude-sonnet");

        UpstreamResponse response = gateway.send(call);

        assertThat(response.status()).isEqualTo(429);
        assertThat(FailureKind.of(response)).isEqualTo(FailureKind.UNAVAILABLE);
        assertThat(call.trace().fallbacks()).isEqualTo(1);
        assertThat(call.trace().attempts()).isEmpty();
        assertThat(call.trace().served()).isNull();
    }

    @Test
    void traceCountsRetriesFallbacksAndEveryAttempt() throws Exception {
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1").then(500);
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a2").then(502);
        gateway.deploy("bedrock/claude-sonnet", "bedrock/claude-sonnet-4-5-v1", "b1").then(200);
        gateway.fallback("claude-sonnet", "bedrock/claude-sonnet").numRetries(1).allowedFails(5);
        RoutedCall call = gateway.call("claude-sonnet");

        gateway.send(call);

        RequestTrace trace = call.trace();
        assertThat(trace.retries()).isEqualTo(1);
        assertThat(trace.fallbacks()).isEqualTo(1);
        assertThat(trace.attempts()).extracting(RequestTrace.Attempt::modelGroup, RequestTrace.Attempt::deploymentId,
                        RequestTrace.Attempt::provider, RequestTrace.Attempt::status, RequestTrace.Attempt::kind)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("claude-sonnet", "a1", "anthropic", 500,
                                FailureKind.SERVER_ERROR),
                        org.assertj.core.groups.Tuple.tuple("claude-sonnet", "a2", "anthropic", 502,
                                FailureKind.SERVER_ERROR),
                        org.assertj.core.groups.Tuple.tuple("bedrock/claude-sonnet", "b1", "bedrock", 200,
                                FailureKind.NONE));
        assertThat(trace.upstreamNanos())
                .isEqualTo(trace.attempts().stream().mapToLong(RequestTrace.Attempt::nanos).sum());
        assertThat(trace.served().group()).isEqualTo("bedrock/claude-sonnet");
        assertThat(trace.served().deployment().id()).isEqualTo("b1");
        assertThat(trace.served().upstreamModel()).isEqualTo("claude-sonnet-4-5-v1");
    }

    @Test
    void withoutFallbacksTheGroupsFailureIsTheAnswer() throws Exception {
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1").then(529);
        RoutedCall call = gateway.call("claude-sonnet");

        assertThat(gateway.send(call).status()).isEqualTo(529);
        assertThat(call.trace().fallbacks()).isZero();
        assertThat(call.trace().served().deployment().id()).isEqualTo("a1");
    }
}
