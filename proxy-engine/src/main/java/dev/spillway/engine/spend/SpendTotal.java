package dev.spillway.engine.spend;

import java.math.BigDecimal;

/**
 * Spend over a date range for one value of a grouping (a key, user, model group or provider) and one value of a
 * breakdown.
 *
 * @param key the group's value; empty when the requests had none
 * @param detail the breakdown's value; empty when the requests had none
 * @param inputTokens input tokens, cache reads and writes included
 */
public record SpendTotal(String key, String detail, long requests, long inputTokens, long outputTokens,
        BigDecimal costUsd) {
}
