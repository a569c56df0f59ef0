package dev.spillway.engine.routing;

import static dev.spillway.engine.routing.TestDeployments.withParams;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.engine.config.RoutingStrategy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Deployment {@code rpm} / {@code tpm}: counted over a sliding minute, and a deployment at its limit is left out. */
class LimitsTest {

    private final AtomicLong clock = new AtomicLong(7_000_000_000_000L);
    private final LoadBalancer balancer = new LoadBalancer(RoutingStrategy.SIMPLE_SHUFFLE, clock::get, () -> () -> 0L);

    private void advance(Duration d) {
        clock.addAndGet(d.toNanos());
    }

    @Test
    void slidingWindowCountsEachAdditionForExactlySixtySeconds() {
        SlidingWindow window = new SlidingWindow();
        window.add(0, 5);
        window.add(10_000_000_000L, 3);

        assertThat(window.total(59_999_999_999L)).isEqualTo(8);
        assertThat(window.total(60_000_000_000L)).isEqualTo(3);
        assertThat(window.total(70_000_000_000L)).isZero();
    }

    @Test
    void additionsWithinOneSecondShareAnEntryAndLeaveWithTheLastOfThem() {
        SlidingWindow window = new SlidingWindow();
        window.add(0, 1);
        window.add(500_000_000L, 1);
        window.add(900_000_000L, 1);
        window.add(1_000_000_000L, 1);

        assertThat(window.entryCount(1_000_000_000L)).isEqualTo(2);
        assertThat(window.nanosUntilBelow(60_000_000_000L, 4)).isEqualTo(900_000_000L);
        assertThat(window.total(60_899_999_999L)).isEqualTo(4);
        assertThat(window.total(60_900_000_000L)).isEqualTo(1);
    }

    @Test
    void aBusyWindowHoldsAboutOneEntryPerSecond() {
        SlidingWindow window = new SlidingWindow();
        for (long t = 0; t < 120_000_000_000L; t += 10_000_000L) { // 100 additions a second for two minutes
            window.add(t, 1);
        }

        assertThat(window.entryCount(120_000_000_000L)).isBetween(59, 61);
        assertThat(window.total(120_000_000_000L)).isBetween(5_900L, 6_100L);
    }

    @Test
    void slidingWindowSaysWhenItDropsBelowALimit() {
        SlidingWindow window = new SlidingWindow();
        window.add(0, 600);
        window.add(20_000_000_000L, 400);
        long now = 30_000_000_000L;

        assertThat(window.nanosUntilBelow(now, 1_001)).isZero();
        assertThat(window.nanosUntilBelow(now, 1_000)).as("once the 600 expire").isEqualTo(30_000_000_000L);
        assertThat(window.nanosUntilBelow(now, 300)).as("once both expire").isEqualTo(50_000_000_000L);
        assertThat(window.tryAdd(now, 1, 1_000)).isFalse();
        assertThat(window.tryAdd(now, 1, 1_001)).isTrue();
    }

    @Test
    void aDeploymentAtItsRpmIsLeftOutUntilItsOldestRequestIsAMinuteOld() {
        Deployment limited = withParams("limited", Map.of("rpm", 2));
        Deployment other = withParams("other", Map.of());

        assertThat(balancer.tryStart(limited)).isTrue();
        advance(Duration.ofSeconds(15));
        assertThat(balancer.tryStart(limited)).isTrue();
        assertThat(balancer.tryStart(limited)).as("third request within the minute").isFalse();

        LoadBalancer.Plan plan = balancer.plan(List.of(limited, other));
        assertThat(plan.order()).containsExactly(other);
        assertThat(plan.limitReached()).contains(new LimitReached(Set.of(Limit.RPM), Duration.ofSeconds(45)));

        advance(Duration.ofSeconds(45));
        assertThat(balancer.plan(List.of(limited, other)).order()).containsExactly(limited, other);
        assertThat(balancer.tryStart(limited)).isTrue();
        assertThat(balancer.tryStart(limited)).isFalse();
    }

    @Test
    void failedStartsDoNotCountTowardsRpm() {
        Deployment limited = withParams("limited", Map.of("rpm", 1));
        balancer.tryStart(limited);
        for (int i = 0; i < 5; i++) {
            assertThat(balancer.tryStart(limited)).isFalse();
        }
        advance(Duration.ofSeconds(60));

        assertThat(balancer.tryStart(limited)).isTrue();
    }

    @Test
    void tokensCountOnlyOnceRecordedAndTheDeploymentIsLeftOutAtItsTpm() {
        Deployment limited = withParams("limited", Map.of("tpm", 1_000));

        for (int i = 0; i < 10; i++) {
            assertThat(balancer.tryStart(limited)).as("tokens not known yet count 0").isTrue();
        }
        balancer.recordTokens("limited", 600);
        advance(Duration.ofSeconds(20));
        assertThat(balancer.tryStart(limited)).isTrue();
        balancer.recordTokens("limited", 400);

        assertThat(balancer.tryStart(limited)).isFalse();
        assertThat(balancer.plan(List.of(limited)).order()).isEmpty();
        assertThat(balancer.plan(List.of(limited)).limitReached())
                .contains(new LimitReached(Set.of(Limit.TPM), Duration.ofSeconds(40)));

        advance(Duration.ofSeconds(40));
        assertThat(balancer.tryStart(limited)).as("the 600 tokens are a minute old").isTrue();
    }

    @Test
    void theGroupWaitIsTheSoonestAnyDeploymentFreesUpAndNamesEveryLimitReached() {
        Deployment byRequests = withParams("by-requests", Map.of("rpm", 1));
        Deployment byTokens = withParams("by-tokens", Map.of("tpm", 10));
        balancer.tryStart(byRequests);
        advance(Duration.ofSeconds(5));
        balancer.recordTokens("by-tokens", 50);

        LimitReached reached = balancer.plan(List.of(byRequests, byTokens)).limitReached().orElseThrow();

        assertThat(reached.limits()).containsExactlyInAnyOrder(Limit.RPM, Limit.TPM);
        assertThat(reached.freeIn()).isEqualTo(Duration.ofSeconds(55));
        assertThat(reached.describe()).isEqualTo("rpm or tpm limit");
        assertThat(new LimitReached(Set.of(Limit.RPM), Duration.ZERO).describe())
                .isEqualTo("rpm limit (requests per minute)");
    }

    @Test
    void aDeploymentAtBothLimitsFreesUpWhenBothHave() {
        Deployment both = withParams("both", Map.of("rpm", 1, "tpm", 10));
        balancer.tryStart(both);
        advance(Duration.ofSeconds(30));
        balancer.recordTokens("both", 10);

        assertThat(balancer.plan(List.of(both)).limitReached())
                .contains(new LimitReached(Set.of(Limit.RPM, Limit.TPM), Duration.ofSeconds(60)));
    }

    @Test
    void deploymentsWithoutLimitsAreNeverLeftOut() {
        Deployment free = withParams("free", Map.of());
        for (int i = 0; i < 10_000; i++) {
            assertThat(balancer.tryStart(free)).isTrue();
        }
        balancer.recordTokens("free", Long.MAX_VALUE / 2);

        assertThat(balancer.plan(List.of(free))).isEqualTo(new LoadBalancer.Plan(List.of(free), Optional.empty()));
    }
}
