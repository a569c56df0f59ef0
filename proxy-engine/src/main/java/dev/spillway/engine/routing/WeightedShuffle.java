package dev.spillway.engine.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * {@code simple-shuffle}: a weighted random order. Each place goes to one of the deployments not yet placed, with a
 * chance proportional to its weight, so the first pick follows the weights exactly.
 *
 * <p>Weights: {@code weight} if any deployment sets it (those that do not weigh 1); else {@code rpm} if every
 * deployment sets it; else {@code tpm} if every deployment sets it; else all equal. Deployments of weight 0 come last.
 */
final class WeightedShuffle implements DeploymentSelector {

    private final Supplier<RandomGenerator> random;

    WeightedShuffle(Supplier<RandomGenerator> random) {
        this.random = random;
    }

    @Override
    public List<Deployment> order(List<Deployment> usable) {
        if (usable.size() <= 1) {
            return usable;
        }
        double[] weights = weights(usable);
        RandomGenerator rng = random.get();
        List<Deployment> ordered = new ArrayList<>(usable.size());
        for (double total = sum(weights); total > 0; total = sum(weights)) {
            int pick = pick(weights, rng.nextDouble() * total);
            ordered.add(usable.get(pick));
            weights[pick] = -1; // placed
        }
        List<Deployment> weightless = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] == 0) {
                weightless.add(usable.get(i));
            }
        }
        ordered.addAll(RandomTies.shuffle(weightless, rng));
        return ordered;
    }

    private static double sum(double[] weights) {
        double sum = 0;
        for (double w : weights) {
            sum += Math.max(0, w);
        }
        return sum;
    }

    /** The index of the positive weight whose cumulative range holds {@code point}. */
    private static int pick(double[] weights, double point) {
        double cumulative = 0;
        int lastPositive = -1;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] > 0) {
                cumulative += weights[i];
                lastPositive = i;
                if (point < cumulative) {
                    return i;
                }
            }
        }
        return lastPositive; // rounding put the point at the very end
    }

    private static double[] weights(List<Deployment> deployments) {
        double[] weights = new double[deployments.size()];
        boolean anyWeight = deployments.stream().anyMatch(d -> d.routing().weight().isPresent());
        boolean allRpm = deployments.stream().allMatch(d -> d.routing().rpm().isPresent());
        boolean allTpm = deployments.stream().allMatch(d -> d.routing().tpm().isPresent());
        for (int i = 0; i < weights.length; i++) {
            RoutingParams params = deployments.get(i).routing();
            if (anyWeight) {
                weights[i] = params.weight().orElse(1);
            } else if (allRpm) {
                weights[i] = params.rpm().getAsLong();
            } else if (allTpm) {
                weights[i] = params.tpm().getAsLong();
            } else {
                weights[i] = 1;
            }
        }
        return weights;
    }
}
