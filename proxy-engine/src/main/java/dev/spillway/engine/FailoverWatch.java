package dev.spillway.engine;

import dev.spillway.engine.events.EventStream;
import dev.spillway.engine.metrics.GatewayMetrics;
import dev.spillway.engine.routing.Cooldowns;
import dev.spillway.engine.routing.Deployment;
import dev.spillway.engine.routing.RouteTable;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns cooldowns starting and ending into {@link DeploymentChange}s and, for model groups whose primaries are
 * affected, {@link RoutingChange}s. It is the router's cooldown listener, so it runs on request threads: it only
 * looks at in-memory state and queues events, never waits.
 */
final class FailoverWatch implements Cooldowns.Listener {

    private final GatewayMetrics metrics;
    private final Clock clock;
    private final EventStream<RoutingChange> routingChanges;
    private final EventStream<DeploymentChange> deploymentChanges;
    /** Failed-over groups by name, with the deployment they went to. */
    private final Map<String, String> failedOver = new ConcurrentHashMap<>();
    private final Set<String> cooling = ConcurrentHashMap.newKeySet();
    private volatile Watched watched;

    /** The groups whose primaries include each deployment, and the cooldowns to ask. */
    private record Watched(Map<String, List<GroupRoutes>> groupsByPrimary, Cooldowns cooldowns) {
    }

    FailoverWatch(GatewayMetrics metrics, Clock clock, EventStream<RoutingChange> routingChanges,
            EventStream<DeploymentChange> deploymentChanges) {
        this.metrics = metrics;
        this.clock = clock;
        this.routingChanges = routingChanges;
        this.deploymentChanges = deploymentChanges;
    }

    /** Watches {@code routes}; groups that still exist keep their failed-over state. */
    void watch(RouteTable routes, Cooldowns cooldowns) {
        Map<String, List<GroupRoutes>> byPrimary = new HashMap<>();
        for (GroupRoutes group : GroupRoutes.of(routes)) {
            if (group.canFailOver()) {
                group.primaries().forEach(d -> byPrimary.computeIfAbsent(d.id(), id -> new java.util.ArrayList<>())
                        .add(group));
            }
        }
        failedOver.keySet().retainAll(Set.copyOf(routes.groupNames()));
        watched = new Watched(Map.copyOf(byPrimary), cooldowns);
        cooldowns.setListener(this);
    }

    @Override
    public void cooldownStarted(String deploymentId, int status) {
        metrics.deploymentCooledDown(deploymentId, status);
        Watched w = watched;
        Instant now = clock.instant();
        cooling.add(deploymentId);
        deploymentChanges.publish(new DeploymentChange(deploymentId,
                w.cooldowns().remaining(deploymentId).map(now::plus), status, now));
        for (GroupRoutes group : w.groupsByPrimary().getOrDefault(deploymentId, List.of())) {
            if (!group.primariesCooling(w.cooldowns())) {
                continue;
            }
            String to = group.alternative(w.cooldowns()).map(Deployment::id).orElse("");
            if (failedOver.putIfAbsent(group.name(), to) == null) {
                routingChanges.publish(new RoutingChange(group.name(), RoutingChange.Kind.FAILED_OVER, deploymentId,
                        to, now));
            }
        }
    }

    @Override
    public void recovered(String deploymentId) {
        if (!cooling.remove(deploymentId)) {
            return;
        }
        Watched w = watched;
        Instant now = clock.instant();
        deploymentChanges.publish(new DeploymentChange(deploymentId, Optional.empty(), 0, now));
        for (GroupRoutes group : w.groupsByPrimary().getOrDefault(deploymentId, List.of())) {
            String from = failedOver.remove(group.name());
            if (from != null) {
                routingChanges.publish(new RoutingChange(group.name(), RoutingChange.Kind.RECOVERED, from,
                        deploymentId, now));
            }
        }
    }
}
