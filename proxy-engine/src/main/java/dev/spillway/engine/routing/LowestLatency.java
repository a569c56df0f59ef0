package dev.spillway.engine.routing;

import java.util.List;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * {@code latency-based-routing}: deployments not measured yet first (so every one gets measured), then the lowest
 * moving average of time to answer; ties in random order.
 */
final class LowestLatency implements DeploymentSelector {

    private final Latencies latencies;
    private final Supplier<RandomGenerator> random;

    LowestLatency(Latencies latencies, Supplier<RandomGenerator> random) {
        this.latencies = latencies;
        this.random = random;
    }

    @Override
    public List<Deployment> order(List<Deployment> usable) {
        return RandomTies.lowestFirst(usable, d -> latencies.average(d.id()).orElse(-1), random.get());
    }
}
