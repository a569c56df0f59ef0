package dev.spillway.engine.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code order}: deployments with the lowest order come first, then the next order, and so on, then those without an
 * order; within each tier the strategy decides.
 */
final class PriorityTiers implements DeploymentSelector {

    private static final Comparator<Deployment> BY_ORDER =
            Comparator.comparingLong(d -> d.routing().order().isPresent() ? d.routing().order().getAsInt()
                    : Long.MAX_VALUE);

    private final DeploymentSelector withinTier;

    PriorityTiers(DeploymentSelector withinTier) {
        this.withinTier = withinTier;
    }

    @Override
    public List<Deployment> order(List<Deployment> usable) {
        if (usable.size() <= 1) {
            return usable;
        }
        if (usable.stream().noneMatch(d -> d.routing().order().isPresent())) {
            return withinTier.order(usable);
        }
        List<Deployment> sorted = new ArrayList<>(usable);
        sorted.sort(BY_ORDER);
        List<Deployment> ordered = new ArrayList<>(sorted.size());
        int start = 0;
        while (start < sorted.size()) {
            int end = start + 1;
            while (end < sorted.size() && BY_ORDER.compare(sorted.get(start), sorted.get(end)) == 0) {
                end++;
            }
            ordered.addAll(withinTier.order(List.copyOf(sorted.subList(start, end))));
            start = end;
        }
        return ordered;
    }
}
