package dev.spillway.engine.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.json.Json;
import dev.spillway.engine.routing.Deployment;
import dev.spillway.engine.routing.ModelGroup;
import io.undertow.server.HttpHandler;

/**
 * LiteLLM's health routes. {@code /health} reports each deployment as healthy or cooling down from what the router
 * has seen, without sending paid requests upstream.
 */
final class HealthHandlers {

    private HealthHandlers() {
    }

    static HttpHandler liveliness() {
        return exchange -> Responses.json(exchange, 200, "\"I'm alive!\"");
    }

    static HttpHandler readiness(String version) {
        return exchange -> Responses.json(exchange, 200, Json.bytes(Json.object()
                .put("status", "connected")
                .put("db", "Not connected")
                .put("version", version)));
    }

    static HttpHandler health(GatewayContext gateway) {
        return exchange -> {
            Routing routing = gateway.routing();
            ObjectNode root = Json.object();
            ArrayNode healthy = root.putArray("healthy_endpoints");
            ArrayNode unhealthy = root.putArray("unhealthy_endpoints");
            for (ModelGroup group : routing.routes().groups()) {
                for (Deployment d : group.deployments()) {
                    ObjectNode entry = Json.object()
                            .put("model", group.name())
                            .put("model_id", d.id())
                            .put("provider", d.provider().name())
                            .put("api_base", d.provider().apiBase());
                    routing.cooldowns().remaining(d.id()).ifPresentOrElse(
                            left -> unhealthy.add(entry.put("cooldown_remaining_seconds", left.toSeconds())),
                            () -> healthy.add(entry));
                }
            }
            root.put("healthy_count", healthy.size());
            root.put("unhealthy_count", unhealthy.size());
            Responses.json(exchange, 200, Json.bytes(root));
        };
    }
}
