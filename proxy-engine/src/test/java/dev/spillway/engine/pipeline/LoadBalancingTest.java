package dev.spillway.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.spillway.engine.config.AwsSettings;
import dev.spillway.engine.config.DeploymentConfig;
import dev.spillway.engine.config.RoutingStrategy;
import dev.spillway.engine.routing.FailureKind;
import dev.spillway.engine.upstream.ChunkStream;
import dev.spillway.engine.upstream.UpstreamResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Several deployments in one model group, through the real pipeline: key rotation, limits, strategies. */
class LoadBalancingTest {

    private final Gateway gateway = new Gateway();

    private static DeploymentConfig anthropicKey(String id, String apiKey) {
        return new DeploymentConfig("claude-sonnet", "anthropic", "claude-sonnet-4-5", id, Optional.of(apiKey),
                Optional.empty(), Optional.empty(), AwsSettings.none(), Map.of(), Map.of());
    }

    private String servedBy(RoutedCall call) throws InterruptedException {
        UpstreamResponse response = gateway.send(call);
        assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
        return call.trace().served().deployment().id();
    }

    private String send() throws InterruptedException {
        return servedBy(gateway.call("claude-sonnet"));
    }

    private void advance(Duration d) {
        gateway.clock.addAndGet(d.toNanos());
    }

    // ---- key rotation ----------------------------------------------------------------------------------------

    @Test
    void aRateLimitedKeyHandsTheRequestToTheGroupsOtherKeyWhichServesTheNextRequestsToo() throws Exception {
        ScriptedProvider keyA = gateway.deploy(anthropicKey("key-a", "sk-ant-aaaa")).then(429);
        ScriptedProvider keyB = gateway.deploy(anthropicKey("key-b", "sk-ant-bbbb")).then(200).then(200);
        ScriptedProvider bedrock = gateway.deploy("bedrock/claude-sonnet", "bedrock/claude-sonnet-4-5", "b1");
        gateway.fallback("claude-sonnet", "bedrock/claude-sonnet");
        RoutedCall first = gateway.call("claude-sonnet");

        assertThat(servedBy(first)).isEqualTo("key-b");
        assertThat(first.trace().attempts()).extracting(RequestTrace.Attempt::deploymentId, RequestTrace.Attempt::status)
                .containsExactly(tuple("key-a", 429),
                        tuple("key-b", 200));
        assertThat(first.trace().served().deployment().config().apiKey()).contains("sk-ant-bbbb");
        assertThat(first.trace().fallbacks()).isZero();
        assertThat(gateway.cooldowns().isCoolingDown("key-a")).isTrue();

        RoutedCall second = gateway.call("claude-sonnet");
        assertThat(servedBy(second)).isEqualTo("key-b");
        assertThat(second.trace().attempts()).extracting(RequestTrace.Attempt::deploymentId).containsExactly("key-b");
        assertThat(keyA.callCount()).isEqualTo(1);
        assertThat(keyB.scriptUsedUp()).isTrue();
        assertThat(bedrock.callCount()).isZero();
    }

    @Test
    void whenEveryKeyIsRateLimitedTheRequestFallsBackToTheNextGroup() throws Exception {
        gateway.deploy(anthropicKey("key-a", "sk-ant-aaaa")).then(429);
        gateway.deploy(anthropicKey("key-b", "sk-ant-bbbb")).then(529);
        gateway.deploy("bedrock/claude-sonnet", "bedrock/claude-sonnet-4-5", "b1").then(200);
        gateway.fallback("claude-sonnet", "bedrock/claude-sonnet");
        RoutedCall call = gateway.call("claude-sonnet");

        assertThat(servedBy(call)).isEqualTo("b1");
        assertThat(call.trace().attempts()).extracting(RequestTrace.Attempt::deploymentId)
                .containsExactly("key-a", "key-b", "b1");
        assertThat(call.trace().retries()).isEqualTo(1);
        assertThat(call.trace().fallbacks()).isEqualTo(1);
    }

    @Test
    void rateLimitErrorRetriesZeroFallsBackWithoutTryingTheOtherKey() throws Exception {
        gateway.deploy(anthropicKey("key-a", "sk-ant-aaaa")).then(429);
        ScriptedProvider keyB = gateway.deploy(anthropicKey("key-b", "sk-ant-bbbb"));
        gateway.deploy("bedrock/claude-sonnet", "bedrock/claude-sonnet-4-5", "b1").then(200);
        gateway.fallback("claude-sonnet", "bedrock/claude-sonnet").retryPolicy("RateLimitErrorRetries", 0);

        assertThat(send()).isEqualTo("b1");
        assertThat(keyB.callCount()).isZero();
    }

    // ---- rpm / tpm -------------------------------------------------------------------------------------------

    @Test
    void aDeploymentAtItsRpmIsSkippedUntilTheMinuteHasPassed() throws Exception {
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1", Map.of("rpm", 1)).then(200).then(200);
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a2", Map.of()).then(200);

        assertThat(send()).isEqualTo("a1");
        advance(Duration.ofSeconds(59));
        assertThat(send()).isEqualTo("a2");
        advance(Duration.ofSeconds(1));
        assertThat(send()).isEqualTo("a1");
    }

    @Test
    void whenEveryDeploymentIsAtItsRpmTheGroupFallsBackToTheNextGroup() throws Exception {
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1", Map.of("rpm", 1)).then(200);
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a2", Map.of("rpm", 1)).then(200);
        gateway.deploy("bedrock/claude-sonnet", "bedrock/claude-sonnet-4-5", "b1").then(200);
        gateway.fallback("claude-sonnet", "bedrock/claude-sonnet");
        send();
        send();
        RoutedCall third = gateway.call("claude-sonnet");

        assertThat(servedBy(third)).isEqualTo("b1");
        assertThat(third.trace().fallbacks()).isEqualTo(1);
        assertThat(third.trace().attempts()).extracting(RequestTrace.Attempt::deploymentId).containsExactly("b1");
    }

    @Test
    void whenEveryDeploymentIsAtItsRpmTheClientIsToldWhenTheFirstFreesUp() throws Exception {
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1", Map.of("rpm", 1)).then(200);
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a2", Map.of("rpm", 1)).then(200);
        send();
        advance(Duration.ofSeconds(10));
        send();
        advance(Duration.ofMillis(10_500));
        RoutedCall call = gateway.call("claude-sonnet");

        UpstreamResponse response = gateway.send(call);

        assertThat(response.status()).isEqualTo(429);
        assertThat(response.header("retry-after")).contains("40");
        assertThat(response.bodyText()).contains("rate_limit_error", "model group 'claude-sonnet'",
                "rpm limit (requests per minute)", "try again in 40 s");
        assertThat(FailureKind.of(response)).isEqualTo(FailureKind.UNAVAILABLE);
        assertThat(call.trace().attempts()).isEmpty();
    }

    @Test
    void aDeploymentAtItsTpmIsSkippedOnceItsTokensAreRecorded() throws Exception {
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1", Map.of("tpm", 1_000))
                .then(200).then(200).then(200);
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a2", Map.of("tpm", 1_000)).then(200);

        assertThat(send()).isEqualTo("a1");
        assertThat(send()).as("tokens not known yet").isEqualTo("a1");
        gateway.balancer().recordTokens("a1", 1_000);
        assertThat(send()).isEqualTo("a2");

        gateway.balancer().recordTokens("a2", 2_500);
        UpstreamResponse limited = gateway.send(gateway.call("claude-sonnet"));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.bodyText()).contains("tpm limit (tokens per minute)");
        assertThat(limited.header("retry-after")).contains("60");

        advance(Duration.ofSeconds(60));
        assertThat(send()).isEqualTo("a1");
    }

    @Test
    void aRetryMovesPastADeploymentThatReachedItsRpmDuringTheRequest() throws Exception {
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1", Map.of("rpm", 1)).then(500);
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a2", Map.of()).then(500).then(200);
        gateway.numRetries(2).allowedFails(5);
        RoutedCall call = gateway.call("claude-sonnet");

        assertThat(servedBy(call)).isEqualTo("a2");
        assertThat(call.trace().attempts()).extracting(RequestTrace.Attempt::deploymentId)
                .containsExactly("a1", "a2", "a2");
    }

    // ---- strategies ------------------------------------------------------------------------------------------

    @Test
    void weightedShuffleSpreadsRequestsByWeight() throws Exception {
        ScriptedProvider heavy = gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "heavy",
                Map.of("weight", 3));
        ScriptedProvider light = gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "light",
                Map.of("weight", 1));
        Random random = new Random(11);
        gateway.random(() -> random);
        for (int i = 0; i < 2_000; i++) {
            heavy.then(200);
            light.then(200);
        }
        int heavyCount = 0;
        for (int i = 0; i < 2_000; i++) {
            if (send().equals("heavy")) {
                heavyCount++;
            }
        }
        assertThat(heavyCount / 2_000.0).isCloseTo(0.75, within(0.03));
    }

    @Test
    void leastBusyAvoidsTheDeploymentStillStreamingUntilItsStreamEnds() throws Exception {
        ChunkStream stream = new ChunkStream();
        stream.push("event: message_start\n\n".getBytes(StandardCharsets.UTF_8));
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1", Map.of()).thenStream(stream).then(200);
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a2", Map.of()).then(200).then(200);
        gateway.strategy(RoutingStrategy.LEAST_BUSY);

        assertThat(send()).as("both idle: the zero generator keeps config order").isEqualTo("a1");
        assertThat(gateway.balancer().inFlight().count("a1")).isEqualTo(1);
        assertThat(send()).isEqualTo("a2");
        assertThat(gateway.balancer().inFlight().count("a2")).as("a complete answer has ended").isZero();
        assertThat(send()).isEqualTo("a2");

        gateway.balancer().inFlight().finished("a1"); // what the HTTP layer does when the relay ends
        assertThat(send()).isEqualTo("a1");
    }

    @Test
    void latencyBasedPrefersTheDeploymentThatAnswersFaster() throws Exception {
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "slow", Map.of())
                .thenAfter(gateway.clock, Duration.ofMillis(300), 200)
                .thenAfter(gateway.clock, Duration.ofMillis(300), 200);
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "fast", Map.of())
                .thenAfter(gateway.clock, Duration.ofMillis(100), 200)
                .thenAfter(gateway.clock, Duration.ofMillis(900), 200);
        gateway.strategy(RoutingStrategy.LATENCY_BASED);

        assertThat(send()).as("unmeasured first").isEqualTo("slow");
        assertThat(send()).as("unmeasured first").isEqualTo("fast");
        assertThat(send()).isEqualTo("fast");
        assertThat(send()).as("fast's average rose to 340 ms").isEqualTo("slow");
    }

    @Test
    void usageBasedPrefersTheDeploymentThatUsedFewerTokensThisMinute() throws Exception {
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1", Map.of()).then(200);
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a2", Map.of()).then(200);
        gateway.strategy(RoutingStrategy.USAGE_BASED);

        assertThat(send()).isEqualTo("a1");
        gateway.balancer().recordTokens("a1", 500);
        assertThat(send()).isEqualTo("a2");
    }
}
