package dev.spillway.engine.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CooldownsTest {

    private static final Duration MINUTE = Duration.ofSeconds(60);

    /** Starts far from zero: a real nanoTime can be anything, and zero must not be special. */
    private final AtomicLong now = new AtomicLong(-5_000_000_000L);
    private final Ticker ticker = now::get;

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void withNoAllowedFailsTheFirstFailureStartsACooldownOfCooldownTime() {
        Cooldowns cooldowns = new Cooldowns(ticker, 0, MINUTE);

        assertThat(cooldowns.isCoolingDown("a")).isFalse();
        assertThat(cooldowns.recordFailure("a", Optional.empty())).isTrue();

        assertThat(cooldowns.isCoolingDown("a")).isTrue();
        assertThat(cooldowns.remaining("a")).contains(MINUTE);
        assertThat(cooldowns.isCoolingDown("b")).as("cooldowns are per deployment").isFalse();
    }

    @Test
    void cooldownStartsOnlyAfterMoreThanAllowedFails() {
        Cooldowns cooldowns = new Cooldowns(ticker, 2, MINUTE);

        assertThat(cooldowns.recordFailure("a", Optional.empty())).isFalse();
        assertThat(cooldowns.recordFailure("a", Optional.empty())).isFalse();
        assertThat(cooldowns.isCoolingDown("a")).isFalse();
        assertThat(cooldowns.recordFailure("a", Optional.empty())).isTrue();
        assertThat(cooldowns.isCoolingDown("a")).isTrue();
    }

    @Test
    void cooldownEndsExactlyWhenItsTimeIsUp() {
        Cooldowns cooldowns = new Cooldowns(ticker, 0, MINUTE);
        cooldowns.recordFailure("a", Optional.empty());

        advance(Duration.ofSeconds(45));
        assertThat(cooldowns.remaining("a")).contains(Duration.ofSeconds(15));

        advance(Duration.ofSeconds(15).minusNanos(1));
        assertThat(cooldowns.remaining("a")).contains(Duration.ofNanos(1));

        advance(Duration.ofNanos(1));
        assertThat(cooldowns.isCoolingDown("a")).isFalse();
        assertThat(cooldowns.remaining("a")).isEmpty();
    }

    @Test
    void failuresSpreadOverMoreThanOneCooldownPeriodDoNotAddUp() {
        Cooldowns cooldowns = new Cooldowns(ticker, 1, MINUTE);

        cooldowns.recordFailure("a", Optional.empty());
        advance(MINUTE.plusSeconds(1));

        assertThat(cooldowns.recordFailure("a", Optional.empty())).as("the first window has ended").isFalse();
        assertThat(cooldowns.isCoolingDown("a")).isFalse();
        advance(Duration.ofSeconds(30));
        assertThat(cooldowns.recordFailure("a", Optional.empty())).as("two failures in the new window").isTrue();
    }

    @Test
    void failuresWithinOnePeriodAddUpEvenNearItsEnd() {
        Cooldowns cooldowns = new Cooldowns(ticker, 1, MINUTE);

        cooldowns.recordFailure("a", Optional.empty());
        advance(MINUTE);

        assertThat(cooldowns.recordFailure("a", Optional.empty())).isTrue();
    }

    @Test
    void retryAfterLongerThanTheCooldownTimeWins() {
        Cooldowns cooldowns = new Cooldowns(ticker, 0, MINUTE);

        cooldowns.recordFailure("a", Optional.of(Duration.ofSeconds(300)));

        assertThat(cooldowns.remaining("a")).contains(Duration.ofSeconds(300));
        advance(Duration.ofSeconds(299));
        assertThat(cooldowns.isCoolingDown("a")).isTrue();
        advance(Duration.ofSeconds(1));
        assertThat(cooldowns.isCoolingDown("a")).isFalse();
    }

    @Test
    void retryAfterShorterThanTheCooldownTimeIsIgnored() {
        Cooldowns cooldowns = new Cooldowns(ticker, 0, MINUTE);

        cooldowns.recordFailure("a", Optional.of(Duration.ofSeconds(5)));

        assertThat(cooldowns.remaining("a")).contains(MINUTE);
    }

    @Test
    void successClearsTheFailureCount() {
        Cooldowns cooldowns = new Cooldowns(ticker, 1, MINUTE);

        cooldowns.recordFailure("a", Optional.empty());
        cooldowns.recordSuccess("a");

        assertThat(cooldowns.recordFailure("a", Optional.empty())).isFalse();
        assertThat(cooldowns.isCoolingDown("a")).isFalse();
    }

    @Test
    void successEndsACooldown() {
        Cooldowns cooldowns = new Cooldowns(ticker, 0, MINUTE);
        cooldowns.recordFailure("a", Optional.empty());

        cooldowns.recordSuccess("a");

        assertThat(cooldowns.isCoolingDown("a")).isFalse();
    }

    @Test
    void zeroCooldownTimeDisablesCooldowns() {
        Cooldowns cooldowns = new Cooldowns(ticker, 0, Duration.ZERO);

        for (int i = 0; i < 5; i++) {
            assertThat(cooldowns.recordFailure("a", Optional.of(Duration.ofSeconds(30)))).isFalse();
        }

        assertThat(cooldowns.isCoolingDown("a")).isFalse();
        assertThat(cooldowns.remaining("a")).isEmpty();
    }

    @Test
    void theListenerHearsOfEachCooldownOnceWithItsStatus() {
        Cooldowns cooldowns = new Cooldowns(ticker, 0, MINUTE);
        java.util.List<String> heard = new java.util.ArrayList<>();
        cooldowns.setListener((id, status) -> heard.add(id + ":" + status));

        cooldowns.recordFailure("a", Optional.empty(), 429);
        cooldowns.recordFailure("a", Optional.empty(), 429);

        assertThat(heard).containsExactly("a:429");
    }

    @Test
    void aFailureDuringACooldownExtendsItWithoutStartingAnother() {
        Cooldowns cooldowns = new Cooldowns(ticker, 0, MINUTE);
        assertThat(cooldowns.recordFailure("a", Optional.empty())).isTrue();
        advance(Duration.ofSeconds(30));

        assertThat(cooldowns.recordFailure("a", Optional.empty())).as("already cooling").isFalse();

        assertThat(cooldowns.remaining("a")).contains(MINUTE);
    }

    @Test
    void afterACooldownEndsTheCountStartsAfresh() {
        Cooldowns cooldowns = new Cooldowns(ticker, 1, MINUTE);
        cooldowns.recordFailure("a", Optional.empty());
        assertThat(cooldowns.recordFailure("a", Optional.empty())).isTrue();

        advance(MINUTE);

        assertThat(cooldowns.isCoolingDown("a")).isFalse();
        assertThat(cooldowns.recordFailure("a", Optional.empty())).as("one failure is allowed again").isFalse();
        assertThat(cooldowns.isCoolingDown("a")).isFalse();
        assertThat(cooldowns.recordFailure("a", Optional.empty())).isTrue();
    }

    @Test
    void unknownDeploymentHasNoRemainingTime() {
        Cooldowns cooldowns = new Cooldowns(ticker, 0, MINUTE);

        assertThat(cooldowns.remaining("never-seen")).isEmpty();
    }
}
