package dev.spillway.engine;

import dev.spillway.engine.events.RequestEvent;
import dev.spillway.engine.spend.Totals;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;

/**
 * Requests, tokens and spend of the current day, kept in memory so the tray can ask every second without a database
 * query. A request counts for the day it arrived on, in the clock's zone, as in the spend store; a new day starts
 * from zero.
 */
final class TodayTotals implements PricedRequestListener {

    private final Clock clock;
    private LocalDate day;
    private Totals totals = Totals.NONE;

    TodayTotals(Clock clock) {
        this.clock = clock;
        this.day = LocalDate.now(clock);
    }

    /** Starts from what the store already holds for today (requests of an earlier run). */
    synchronized void seed(Totals stored) {
        day = LocalDate.now(clock);
        totals = stored;
    }

    @Override
    public synchronized void finished(RequestEvent event, BigDecimal costUsd) {
        LocalDate eventDay = LocalDate.ofInstant(event.time(), clock.getZone());
        rollOver(eventDay);
        if (!eventDay.equals(day)) {
            return; // arrived before midnight, finished after: it belongs to yesterday
        }
        RequestEvent.Usage u = event.usage() == null ? RequestEvent.Usage.NONE : event.usage();
        totals = new Totals(totals.requests() + 1, totals.failedRequests() + (event.status() >= 400 ? 1 : 0),
                totals.inputTokens() + u.inputTokens(), totals.outputTokens() + u.outputTokens(),
                totals.cacheReadTokens() + u.cacheReadTokens(), totals.cacheWriteTokens() + u.cacheWriteTokens(),
                totals.costUsd().add(costUsd));
    }

    synchronized Totals snapshot() {
        rollOver(LocalDate.now(clock));
        return totals;
    }

    synchronized void reset() {
        totals = Totals.NONE;
    }

    private void rollOver(LocalDate today) {
        if (today.isAfter(day)) {
            day = today;
            totals = Totals.NONE;
        }
    }
}
