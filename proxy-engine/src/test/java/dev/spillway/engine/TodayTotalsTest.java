package dev.spillway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.engine.aws.MutableClock;
import dev.spillway.engine.events.RequestEvent;
import dev.spillway.engine.spend.Totals;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TodayTotalsTest {

    private static final Instant NOON = Instant.parse("2026-11-23T12:00:00Z");

    private static RequestEvent event(Instant arrived, int status, long input, long output) {
        return new RequestEvent("req_1", arrived, "m", Optional.of("g"), Optional.of("d"), Optional.of("anthropic"),
                Optional.of("m"), status, false, Duration.ofMillis(5), Optional.empty(),
                new RequestEvent.Usage(input, output, 1, 2), false, 0, 0, Optional.empty(), false);
    }

    @Test
    void countsTodaysRequestsOnTopOfWhatTheStoreHad() {
        MutableClock clock = new MutableClock(NOON);
        TodayTotals today = new TodayTotals(clock);
        today.seed(new Totals(3, 1, 30, 10, 0, 0, new BigDecimal("0.10")));

        today.finished(event(NOON, 200, 100, 50), new BigDecimal("0.015"));
        today.finished(event(NOON, 429, 0, 0), BigDecimal.ZERO);

        Totals t = today.snapshot();
        assertThat(t.requests()).isEqualTo(5);
        assertThat(t.failedRequests()).isEqualTo(2);
        assertThat(t.inputTokens()).isEqualTo(130);
        assertThat(t.cacheWriteTokens()).isEqualTo(4);
        assertThat(t.costUsd()).isEqualByComparingTo("0.115");
    }

    @Test
    void aNewDayStartsFromZeroAndLateEventsOfYesterdayAreLeftOut() {
        MutableClock clock = new MutableClock(NOON);
        TodayTotals today = new TodayTotals(clock);
        today.finished(event(NOON, 200, 10, 10), new BigDecimal("0.5"));

        clock.set(NOON.plus(Duration.ofHours(12)).plusSeconds(1));
        assertThat(today.snapshot()).isEqualTo(Totals.NONE);
        today.finished(event(NOON.plus(Duration.ofHours(11)), 200, 10, 10), new BigDecimal("0.5"));
        today.finished(event(clock.instant(), 200, 1, 1), new BigDecimal("0.25"));

        assertThat(today.snapshot().requests()).isEqualTo(1);
        assertThat(today.snapshot().costUsd()).isEqualByComparingTo("0.25");
    }
}
