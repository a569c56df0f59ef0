package dev.spillway.engine.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** {@code router_settings.routing_strategy}: how a model group orders its deployments for each request. */
public enum RoutingStrategy {
    /** Weighted random by {@code weight}, else {@code rpm}, else {@code tpm}, else uniform; LiteLLM's default. */
    SIMPLE_SHUFFLE("simple-shuffle"),
    /** Fewest requests in flight. */
    LEAST_BUSY("least-busy"),
    /** Lowest moving average of time to answer; deployments not yet measured first. */
    LATENCY_BASED("latency-based-routing"),
    /** Fewest tokens used in the last minute ({@code usage-based-routing} and {@code usage-based-routing-v2}). */
    USAGE_BASED("usage-based-routing");

    /** The spelling LiteLLM also accepts for {@link #USAGE_BASED}. */
    private static final String USAGE_BASED_V2 = "usage-based-routing-v2";

    private final String configName;

    RoutingStrategy(String configName) {
        this.configName = configName;
    }

    /** The value as written in {@code config.yaml}. */
    public String configName() {
        return configName;
    }

    /** Every value {@code routing_strategy} accepts, in documentation order. */
    public static List<String> configNames() {
        List<String> names = new ArrayList<>(Arrays.stream(values()).map(RoutingStrategy::configName).toList());
        names.add(USAGE_BASED_V2);
        return List.copyOf(names);
    }

    public static Optional<RoutingStrategy> fromConfigName(String name) {
        if (name.equals(USAGE_BASED_V2)) {
            return Optional.of(USAGE_BASED);
        }
        return Arrays.stream(values()).filter(s -> s.configName.equals(name)).findFirst();
    }
}
