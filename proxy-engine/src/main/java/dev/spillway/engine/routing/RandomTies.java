package dev.spillway.engine.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;

/** Orders deployments by a figure, lowest first, breaking ties at random. */
final class RandomTies {

    private RandomTies() {
    }

    /**
     * @param figure read once per deployment, so figures changing meanwhile (requests starting elsewhere) cannot upset
     *     the sort
     */
    static List<Deployment> lowestFirst(List<Deployment> deployments, ToDoubleFunction<Deployment> figure,
            RandomGenerator random) {
        if (deployments.size() <= 1) {
            return deployments;
        }
        List<Deployment> shuffled = shuffle(deployments, random);
        double[] figures = new double[shuffled.size()];
        Integer[] indexes = new Integer[shuffled.size()];
        for (int i = 0; i < figures.length; i++) {
            figures[i] = figure.applyAsDouble(shuffled.get(i));
            indexes[i] = i;
        }
        Arrays.sort(indexes, Comparator.comparingDouble(i -> figures[i])); // stable: ties keep the shuffled order
        List<Deployment> ordered = new ArrayList<>(figures.length);
        for (int i : indexes) {
            ordered.add(shuffled.get(i));
        }
        return ordered;
    }

    /** A uniformly random permutation (a generator that always answers 0 leaves the order as it is). */
    static List<Deployment> shuffle(List<Deployment> deployments, RandomGenerator random) {
        List<Deployment> shuffled = new ArrayList<>(deployments);
        for (int i = 0; i < shuffled.size() - 1; i++) {
            int j = i + random.nextInt(shuffled.size() - i);
            Deployment swap = shuffled.get(i);
            shuffled.set(i, shuffled.get(j));
            shuffled.set(j, swap);
        }
        return shuffled;
    }
}
