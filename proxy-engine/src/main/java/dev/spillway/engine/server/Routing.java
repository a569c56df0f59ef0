package dev.spillway.engine.server;

import dev.spillway.engine.cost.DeploymentCosts;
import dev.spillway.engine.pipeline.Pipeline;
import dev.spillway.engine.routing.Cooldowns;
import dev.spillway.engine.routing.LoadBalancer;
import dev.spillway.engine.routing.RouteTable;

/**
 * Everything a request is routed with, built from one configuration. The server swaps it whole on a reload; each
 * request reads it once when it arrives, so a request in flight finishes on the setup it started with.
 */
public record Routing(RouteTable routes, Pipeline pipeline, Cooldowns cooldowns, LoadBalancer balancer,
        DeploymentCosts costs) {
}
