package dev.spillway.engine.routing;

import java.util.List;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/** {@code usage-based-routing}: fewest tokens used in the last minute first; ties in random order. */
final class LowestUsage implements DeploymentSelector {

    private final MinuteUsage usage;
    private final Supplier<RandomGenerator> random;

    LowestUsage(MinuteUsage usage, Supplier<RandomGenerator> random) {
        this.usage = usage;
        this.random = random;
    }

    @Override
    public List<Deployment> order(List<Deployment> usable) {
        return RandomTies.lowestFirst(usable, d -> usage.tokensUsed(d.id()), random.get());
    }
}
