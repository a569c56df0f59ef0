package dev.spillway.engine.routing;

import static dev.spillway.engine.routing.TestDeployments.withParams;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.spillway.engine.config.RoutingStrategy;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@code least-busy}, {@code latency-based-routing} and {@code usage-based-routing}, and the figures they read. */
class LoadFiguresTest {

    private final AtomicLong clock = new AtomicLong(5_000_000_000_000L);
    private final Random random = new Random(7);
    private final Deployment a = withParams("a", Map.of());
    private final Deployment b = withParams("b", Map.of());
    private final Deployment c = withParams("c", Map.of());
    private final List<Deployment> group = List.of(a, b, c);

    private LoadBalancer balancer(RoutingStrategy strategy) {
        return new LoadBalancer(strategy, clock::get, () -> random);
    }

    private static List<String> ids(List<Deployment> deployments) {
        return deployments.stream().map(Deployment::id).toList();
    }

    private void advance(Duration d) {
        clock.addAndGet(d.toNanos());
    }

    // ---- least-busy ------------------------------------------------------------------------------------------

    @Test
    void leastBusyPutsTheDeploymentWithFewestRequestsInFlightFirst() {
        LoadBalancer balancer = balancer(RoutingStrategy.LEAST_BUSY);
        balancer.inFlight().started("a");
        balancer.inFlight().started("a");
        balancer.inFlight().started("c");

        assertThat(ids(balancer.plan(group).order())).containsExactly("b", "c", "a");

        balancer.inFlight().finished("a");
        balancer.inFlight().finished("a");
        balancer.inFlight().started("b");
        List<String> order = ids(balancer.plan(group).order());
        assertThat(order.get(0)).isEqualTo("a");
        assertThat(order.subList(1, 3)).containsExactlyInAnyOrder("b", "c");
    }

    @Test
    void leastBusyBreaksTiesAtRandom() {
        LoadBalancer balancer = balancer(RoutingStrategy.LEAST_BUSY);
        balancer.inFlight().started("c");
        Map<String, Integer> first = new HashMap<>();

        for (int i = 0; i < 1_000; i++) {
            List<Deployment> order = balancer.plan(group).order();
            first.merge(order.get(0).id(), 1, Integer::sum);
            assertThat(order.get(2).id()).isEqualTo("c");
        }
        assertThat(first).containsOnlyKeys("a", "b");
        assertThat(first.get("a")).isBetween(400, 600);
    }

    @Test
    void callsStayInFlightUntilTheirAnswerHasEnded() {
        LoadBalancer balancer = balancer(RoutingStrategy.LEAST_BUSY);

        assertThat(balancer.tryStart(a)).isTrue();
        balancer.answered(a, balancer.now(), FailureKind.NONE, false);
        assertThat(balancer.inFlight().count("a")).as("complete answer: done").isZero();

        balancer.tryStart(a);
        balancer.answered(a, balancer.now(), FailureKind.NONE, true);
        assertThat(balancer.inFlight().count("a")).as("successful stream: still relaying").isEqualTo(1);
        balancer.inFlight().finished("a");
        assertThat(balancer.inFlight().count("a")).isZero();

        balancer.tryStart(a);
        balancer.answered(a, balancer.now(), FailureKind.SERVER_ERROR, true);
        balancer.tryStart(a);
        balancer.abandoned(a);
        assertThat(balancer.inFlight().count("a")).as("failures and abandoned calls end at once").isZero();
    }

    @Test
    void surplusFinishesNeverMakeTheCountNegative() {
        InFlight inFlight = new InFlight();
        inFlight.finished("a");
        inFlight.started("a");
        inFlight.finished("a");
        inFlight.finished("a");
        inFlight.started("a");

        assertThat(inFlight.count("a")).isEqualTo(1);
    }

    // ---- latency-based-routing -------------------------------------------------------------------------------

    @Test
    void latencyIsAnExponentiallyWeightedMovingAverage() {
        Latencies latencies = new Latencies(clock::get);
        assertThat(latencies.average("a")).isEmpty();

        latencies.record("a", 100);
        assertThat(latencies.average("a")).hasValue(100);
        latencies.record("a", 200);
        assertThat(latencies.average("a").getAsDouble()).isCloseTo(130, within(1e-9));
        latencies.record("a", 200);
        assertThat(latencies.average("a").getAsDouble()).isCloseTo(151, within(1e-9));
    }

    @Test
    void anAverageNotUpdatedForAnHourIsForgotten() {
        Latencies latencies = new Latencies(clock::get);
        latencies.record("a", 1_000);
        advance(Duration.ofMinutes(61));

        assertThat(latencies.average("a")).isEmpty();
        latencies.record("a", 10);
        assertThat(latencies.average("a")).as("starts afresh").hasValue(10);
    }

    @Test
    void latencyBasedTriesUnmeasuredDeploymentsFirstThenTheFastest() {
        LoadBalancer balancer = balancer(RoutingStrategy.LATENCY_BASED);
        answerAfter(balancer, a, Duration.ofMillis(300), FailureKind.NONE);
        answerAfter(balancer, b, Duration.ofMillis(100), FailureKind.NONE);

        assertThat(ids(balancer.plan(group).order())).containsExactly("c", "b", "a");

        answerAfter(balancer, c, Duration.ofMillis(200), FailureKind.NONE);
        assertThat(ids(balancer.plan(group).order())).containsExactly("b", "c", "a");

        answerAfter(balancer, b, Duration.ofMillis(900), FailureKind.NONE); // 100 + 0.3 * 800 = 340 ms
        assertThat(ids(balancer.plan(group).order())).containsExactly("c", "a", "b");
    }

    @Test
    void timeoutsCountTowardsLatencyButOtherFailuresDoNot() {
        LoadBalancer balancer = balancer(RoutingStrategy.LATENCY_BASED);
        answerAfter(balancer, a, Duration.ofMillis(100), FailureKind.NONE);
        answerAfter(balancer, b, Duration.ofMillis(200), FailureKind.NONE);
        answerAfter(balancer, a, Duration.ofMillis(1), FailureKind.SERVER_ERROR);
        answerAfter(balancer, b, Duration.ofMillis(1), FailureKind.RATE_LIMIT);

        assertThat(ids(balancer.plan(List.of(a, b)).order())).containsExactly("a", "b");

        answerAfter(balancer, a, Duration.ofSeconds(10), FailureKind.TIMEOUT);
        assertThat(ids(balancer.plan(List.of(a, b)).order())).containsExactly("b", "a");
    }

    @Test
    void latencyTiesAreBrokenAtRandom() {
        LoadBalancer balancer = balancer(RoutingStrategy.LATENCY_BASED);
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < 1_000; i++) {
            first.merge(balancer.plan(group).order().get(0).id(), 1, Integer::sum);
        }
        assertThat(first).containsOnlyKeys("a", "b", "c");
        first.values().forEach(n -> assertThat(n).isBetween(270, 400));
    }

    private void answerAfter(LoadBalancer balancer, Deployment d, Duration latency, FailureKind kind) {
        assertThat(balancer.tryStart(d)).isTrue();
        long startedAt = balancer.now();
        advance(latency);
        balancer.answered(d, startedAt, kind, false);
    }

    // ---- usage-based-routing ---------------------------------------------------------------------------------

    @Test
    void usageBasedPutsTheDeploymentWithFewestTokensThisMinuteFirst() {
        LoadBalancer balancer = balancer(RoutingStrategy.USAGE_BASED);
        balancer.recordTokens("a", 5_000);
        advance(Duration.ofSeconds(30));
        balancer.recordTokens("b", 1_000);
        balancer.recordTokens("b", 1_000);

        assertThat(ids(balancer.plan(group).order())).containsExactly("c", "b", "a");

        advance(Duration.ofSeconds(30)); // a's tokens are a minute old now
        assertThat(ids(balancer.plan(group).order()).subList(2, 3)).containsExactly("b");

        advance(Duration.ofSeconds(30));
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            first.merge(balancer.plan(group).order().get(0).id(), 1, Integer::sum);
        }
        assertThat(first).as("all back to 0: ties at random").containsOnlyKeys("a", "b", "c");
    }

    @Test
    void orderTakesPrecedenceOverEveryStrategy() {
        LoadBalancer balancer = balancer(RoutingStrategy.LEAST_BUSY);
        Deployment primary = withParams("primary", Map.of("order", 1));
        Deployment backup = withParams("backup", Map.of("order", 2));
        balancer.inFlight().started("primary");

        assertThat(ids(balancer.plan(List.of(backup, primary)).order())).containsExactly("primary", "backup");
    }
}
