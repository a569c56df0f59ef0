package dev.spillway.engine.spend;

import java.math.BigDecimal;

/** Requests, tokens and cost over a period. */
public record Totals(
        long requests,
        long failedRequests,
        long inputTokens,
        long outputTokens,
        long cacheReadTokens,
        long cacheWriteTokens,
        BigDecimal costUsd) {

    public static final Totals NONE = new Totals(0, 0, 0, 0, 0, 0, BigDecimal.ZERO);

    public long totalTokens() {
        return inputTokens + outputTokens + cacheReadTokens + cacheWriteTokens;
    }
}
