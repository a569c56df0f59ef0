package dev.spillway.engine.server;

import dev.spillway.engine.cost.DeploymentCosts;
import dev.spillway.engine.events.RequestEvents;
import dev.spillway.engine.keys.KeyRegistry;
import dev.spillway.engine.pipeline.Pipeline;
import dev.spillway.engine.routing.Cooldowns;
import dev.spillway.engine.routing.LoadBalancer;
import dev.spillway.engine.routing.RouteTable;
import java.util.Optional;

/**
 * What the HTTP handlers share: the routes, the pipeline, cooldowns and load figures, access rules, the relay and the
 * event stream, the cost table and the virtual keys (if the engine keeps any).
 */
record GatewayContext(RouteTable routes, Pipeline pipeline, Cooldowns cooldowns, LoadBalancer balancer,
        AccessGuard access,
        StreamRelay relay, RequestEvents events, DeploymentCosts costs, Optional<KeyRegistry> keys) {
}
