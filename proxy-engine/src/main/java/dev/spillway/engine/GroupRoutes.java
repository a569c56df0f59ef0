package dev.spillway.engine;

import dev.spillway.engine.GatewayStatus.RouteState;
import dev.spillway.engine.routing.Cooldowns;
import dev.spillway.engine.routing.Deployment;
import dev.spillway.engine.routing.ModelGroup;
import dev.spillway.engine.routing.RouteTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where one model group's requests can go, in the router's order: its primary deployments (the lowest {@code order}
 * tier; all of them when none has an {@code order}), its other deployments, then its fallback groups' deployments.
 */
record GroupRoutes(ModelGroup group, List<Deployment> primaries, List<Deployment> alternates,
        List<ModelGroup> fallbackGroups) {

    static List<GroupRoutes> of(RouteTable routes) {
        List<GroupRoutes> all = new ArrayList<>();
        for (ModelGroup group : routes.groups()) {
            OptionalInt first = group.deployments().stream()
                    .map(d -> d.routing().order())
                    .filter(OptionalInt::isPresent)
                    .mapToInt(OptionalInt::getAsInt)
                    .min();
            List<Deployment> primaries = new ArrayList<>();
            List<Deployment> alternates = new ArrayList<>();
            for (Deployment d : group.deployments()) {
                boolean primary = first.isEmpty() || d.routing().order().equals(first);
                (primary ? primaries : alternates).add(d);
            }
            all.add(new GroupRoutes(group, primaries, alternates, routes.fallbackGroupsOf(group.name())));
        }
        return all;
    }

    String name() {
        return group.name();
    }

    /** Whether the group has anywhere to go when its primaries cool down. */
    boolean canFailOver() {
        return !alternates.isEmpty() || !fallbackGroups.isEmpty();
    }

    boolean primariesCooling(Cooldowns cooldowns) {
        return primaries.stream().allMatch(d -> cooldowns.isCoolingDown(d.id()));
    }

    /** The deployment new requests go to first: a primary, else the first alternative not cooling down. */
    Optional<Deployment> servedBy(Cooldowns cooldowns) {
        for (Deployment d : primaries) {
            if (!cooldowns.isCoolingDown(d.id())) {
                return Optional.of(d);
            }
        }
        return alternative(cooldowns);
    }

    /** The first deployment after the primaries that is not cooling down. */
    Optional<Deployment> alternative(Cooldowns cooldowns) {
        List<Deployment> candidates = new ArrayList<>(alternates);
        fallbackGroups.forEach(g -> candidates.addAll(g.deployments()));
        return candidates.stream().filter(d -> !cooldowns.isCoolingDown(d.id())).findFirst();
    }

    RouteState state(Cooldowns cooldowns) {
        if (!primariesCooling(cooldowns)) {
            return RouteState.PRIMARY;
        }
        return alternative(cooldowns).isPresent() ? RouteState.FALLBACK : RouteState.DOWN;
    }
}
