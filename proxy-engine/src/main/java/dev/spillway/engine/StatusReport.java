package dev.spillway.engine;

import dev.spillway.engine.GatewayStatus.CooledDeployment;
import dev.spillway.engine.GatewayStatus.DeploymentStatus;
import dev.spillway.engine.GatewayStatus.GroupStatus;
import dev.spillway.engine.routing.Cooldowns;
import dev.spillway.engine.routing.Deployment;
import dev.spillway.engine.routing.ModelGroup;
import dev.spillway.engine.server.Routing;
import dev.spillway.engine.spend.Totals;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds a {@link GatewayStatus} from in-memory state only. */
final class StatusReport {

    private StatusReport() {
    }

    static GatewayStatus of(URI baseUrl, Instant started, Totals today, Routing routing, RequestRates rates,
            Instant now) {
        Cooldowns cooldowns = routing.cooldowns();
        List<GroupStatus> groups = new ArrayList<>();
        for (GroupRoutes g : GroupRoutes.of(routing.routes())) {
            List<CooledDeployment> cooled = new ArrayList<>();
            for (Deployment d : g.group().deployments()) {
                until(cooldowns, d, now).ifPresent(until -> cooled.add(new CooledDeployment(d.id(), until)));
            }
            groups.add(new GroupStatus(g.name(), g.primaries().isEmpty() ? "" : g.primaries().get(0).id(),
                    g.state(cooldowns), g.servedBy(cooldowns).map(Deployment::id),
                    g.fallbackGroups().stream().map(ModelGroup::name).toList(), cooled));
        }
        List<DeploymentStatus> deployments = new ArrayList<>();
        for (ModelGroup group : routing.routes().groups()) {
            for (Deployment d : group.deployments()) {
                deployments.add(new DeploymentStatus(d.id(), group.name(), d.provider().name(), d.config().model(),
                        until(cooldowns, d, now), rates.perMinute(d.id())));
            }
        }
        return new GatewayStatus(baseUrl, started, today.requests(), today.costUsd(), groups, deployments);
    }

    private static Optional<Instant> until(Cooldowns cooldowns, Deployment d, Instant now) {
        return cooldowns.remaining(d.id()).map(now::plus);
    }
}
