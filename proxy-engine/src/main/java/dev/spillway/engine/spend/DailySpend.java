package dev.spillway.engine.spend;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Spend for one day and one provider, model group or caller.
 *
 * @param day the day, in the store's time zone
 * @param key the provider, model group or caller; empty when the requests had none (e.g. no key, no model resolved)
 */
public record DailySpend(
        LocalDate day,
        String key,
        long requests,
        long failedRequests,
        long inputTokens,
        long outputTokens,
        long cacheReadTokens,
        long cacheWriteTokens,
        BigDecimal costUsd) {

    public long totalTokens() {
        return inputTokens + outputTokens + cacheReadTokens + cacheWriteTokens;
    }
}
