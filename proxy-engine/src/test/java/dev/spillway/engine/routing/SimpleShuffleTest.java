package dev.spillway.engine.routing;

import static dev.spillway.engine.routing.TestDeployments.withParams;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SimpleShuffleTest {

    private static final int PICKS = 10_000;

    private final Random random = new Random(42);
    private final DeploymentSelector shuffle = new PriorityTiers(new WeightedShuffle(() -> random));

    /** How often each deployment came first, as a share of {@link #PICKS}. */
    private Map<String, Double> firstPickShares(Deployment... deployments) {
        Map<String, Double> shares = new HashMap<>();
        for (int i = 0; i < PICKS; i++) {
            shares.merge(shuffle.order(List.of(deployments)).get(0).id(), 1.0 / PICKS, Double::sum);
        }
        return shares;
    }

    @Test
    void weightsHoldWithinTwoPercentOverTenThousandPicks() {
        Map<String, Double> shares = firstPickShares(withParams("a", Map.of("weight", 3)),
                withParams("b", Map.of("weight", 1)));

        assertThat(shares.get("a")).isCloseTo(0.75, within(0.02));
        assertThat(shares.get("b")).isCloseTo(0.25, within(0.02));
    }

    @Test
    void fractionalWeightsWork() {
        Map<String, Double> shares = firstPickShares(withParams("a", Map.of("weight", 0.2)),
                withParams("b", Map.of("weight", 0.8)));

        assertThat(shares.get("b")).isCloseTo(0.8, within(0.02));
    }

    @Test
    void rpmIsTheWeightWhenNoDeploymentSetsOne() {
        Map<String, Double> shares = firstPickShares(withParams("a", Map.of("rpm", 300)),
                withParams("b", Map.of("rpm", 100)));

        assertThat(shares.get("a")).isCloseTo(0.75, within(0.02));
    }

    @Test
    void tpmIsTheWeightWhenNeitherWeightNorRpmIsSetOnEveryDeployment() {
        Map<String, Double> shares = firstPickShares(withParams("a", Map.of("tpm", 100_000, "rpm", 50)),
                withParams("b", Map.of("tpm", 300_000)));

        assertThat(shares.get("b")).isCloseTo(0.75, within(0.02));
    }

    @Test
    void weightWinsOverRpm() {
        Map<String, Double> shares = firstPickShares(withParams("a", Map.of("weight", 1, "rpm", 900)),
                withParams("b", Map.of("weight", 1, "rpm", 100)));

        assertThat(shares.get("a")).isCloseTo(0.5, within(0.02));
    }

    @Test
    void aDeploymentWithoutAWeightWeighsOne() {
        Map<String, Double> shares = firstPickShares(withParams("a", Map.of("weight", 2)), withParams("b", Map.of()));

        assertThat(shares.get("a")).isCloseTo(2.0 / 3, within(0.02));
    }

    @Test
    void rpmOnOnlySomeDeploymentsGivesEqualShares() {
        Map<String, Double> shares = firstPickShares(withParams("a", Map.of("rpm", 900)), withParams("b", Map.of()));

        assertThat(shares.get("a")).isCloseTo(0.5, within(0.02));
    }

    @Test
    void withoutWeightsEveryDeploymentIsEquallyLikely() {
        Map<String, Double> shares = firstPickShares(withParams("a", Map.of()), withParams("b", Map.of()),
                withParams("c", Map.of()), withParams("d", Map.of()));

        assertThat(shares).hasSize(4);
        shares.values().forEach(share -> assertThat(share).isCloseTo(0.25, within(0.02)));
    }

    @Test
    void everyDeploymentAppearsOnceAndWeightZeroComesLast() {
        List<Deployment> group = List.of(withParams("zero", Map.of("weight", 0)), withParams("a", Map.of("weight", 1)),
                withParams("b", Map.of("weight", 5)));

        for (int i = 0; i < 1_000; i++) {
            List<Deployment> order = shuffle.order(group);
            assertThat(order).containsExactlyInAnyOrderElementsOf(group);
            assertThat(order.get(2).id()).isEqualTo("zero");
        }
    }

    @Test
    void secondPlaceFollowsTheWeightsOfTheRest() {
        // a 2, b 1, c 1: given a first, b and c share second place equally.
        Map<String, Double> secondAfterA = new HashMap<>();
        int aFirst = 0;
        for (int i = 0; i < PICKS; i++) {
            List<Deployment> order = shuffle.order(List.of(withParams("a", Map.of("weight", 2)),
                    withParams("b", Map.of("weight", 1)), withParams("c", Map.of("weight", 1))));
            if (order.get(0).id().equals("a")) {
                aFirst++;
                secondAfterA.merge(order.get(1).id(), 1.0, Double::sum);
            }
        }
        assertThat(aFirst / (double) PICKS).isCloseTo(0.5, within(0.02));
        assertThat(secondAfterA.get("b") / aFirst).isCloseTo(0.5, within(0.03));
    }

    @Test
    void lowestOrderIsShuffledFirstThenHigherOrdersThenDeploymentsWithoutOrder() {
        Deployment late = withParams("late", Map.of("order", 2, "weight", 100));
        Deployment alsoLate = withParams("also-late", Map.of("order", 2));
        Deployment first = withParams("first", Map.of("order", 1));
        Deployment alsoFirst = withParams("also-first", Map.of("order", 1));
        Deployment unordered = withParams("unordered", Map.of("weight", 1000));
        List<Deployment> group = List.of(late, unordered, first, alsoLate, alsoFirst);

        Map<String, Integer> firstPicks = new HashMap<>();
        for (int i = 0; i < 1_000; i++) {
            List<Deployment> order = shuffle.order(group);
            assertThat(order.subList(0, 2)).containsExactlyInAnyOrder(first, alsoFirst);
            assertThat(order.subList(2, 4)).containsExactlyInAnyOrder(late, alsoLate);
            assertThat(order.get(4)).isEqualTo(unordered);
            firstPicks.merge(order.get(0).id(), 1, Integer::sum);
        }
        assertThat(firstPicks).containsOnlyKeys("first", "also-first");
        assertThat(firstPicks.get("first")).isBetween(400, 600);
    }

    @Test
    void aLoneDeploymentIsReturnedAsIs() {
        List<Deployment> one = List.of(withParams("a", Map.of("weight", 3)));

        assertThat(shuffle.order(one)).isSameAs(one);
        assertThat(shuffle.order(List.of())).isEmpty();
    }

    @Test
    void aGeneratorThatAlwaysAnswersZeroKeepsConfigurationOrder() {
        DeploymentSelector zero = new PriorityTiers(new WeightedShuffle(() -> () -> 0L));
        List<Deployment> group = List.of(withParams("a", Map.of()), withParams("b", Map.of()),
                withParams("c", Map.of()));

        assertThat(zero.order(group)).containsExactlyElementsOf(group);
    }
}
