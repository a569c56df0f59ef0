package dev.spillway.app.tray;

import java.math.BigDecimal;
import java.util.List;

/**
 * What the tray's status line reports about today's traffic.
 *
 * @param requestsToday requests served since midnight
 * @param spendToday their cost in USD
 * @param groupsOnFallback model groups currently served by their fallback (their primary is cooling down)
 */
public record TrafficSummary(long requestsToday, BigDecimal spendToday, List<String> groupsOnFallback) {

    public TrafficSummary {
        groupsOnFallback = List.copyOf(groupsOnFallback);
    }

    public static TrafficSummary none() {
        return new TrafficSummary(0, BigDecimal.ZERO, List.of());
    }
}
