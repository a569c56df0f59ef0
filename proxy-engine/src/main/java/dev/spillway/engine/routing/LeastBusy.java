package dev.spillway.engine.routing;

import java.util.List;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/** {@code least-busy}: fewest requests in flight first; ties in random order. */
final class LeastBusy implements DeploymentSelector {

    private final InFlight inFlight;
    private final Supplier<RandomGenerator> random;

    LeastBusy(InFlight inFlight, Supplier<RandomGenerator> random) {
        this.inFlight = inFlight;
        this.random = random;
    }

    @Override
    public List<Deployment> order(List<Deployment> usable) {
        return RandomTies.lowestFirst(usable, d -> inFlight.count(d.id()), random.get());
    }
}
