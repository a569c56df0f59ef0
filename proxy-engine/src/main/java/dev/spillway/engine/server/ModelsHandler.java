package dev.spillway.engine.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.json.Json;
import dev.spillway.engine.keys.VirtualKey;
import dev.spillway.engine.routing.ModelGroup;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v1/models} and {@code GET /models}: Anthropic's list shape (which Claude Code's gateway model discovery
 * reads) and OpenAI's ({@code object}, {@code created}, {@code owned_by}) in one answer. Wildcard groups are not models one can pick, so only named
 * groups are listed; a virtual key sees only the groups it may use.
 */
final class ModelsHandler implements HttpHandler {

    private static final String CREATED_AT = "2025-01-01T00:00:00Z";
    private static final long CREATED_EPOCH_SECONDS = 1_735_689_600L;

    private final GatewayContext gateway;

    ModelsHandler(GatewayContext gateway) {
        this.gateway = gateway;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        AccessGuard.Allowed caller = exchange.getAttachment(AccessGuard.ALLOWED);
        Optional<VirtualKey> key = caller == null ? Optional.empty() : caller.virtualKey();
        List<ModelGroup> named = gateway.routing().routes().groups().stream()
                .filter(g -> !g.isWildcard())
                .filter(g -> key.isEmpty() || gateway.keys().map(k -> k.allowsGroup(key.get(), g.name())).orElse(true))
                .toList();
        ObjectNode root = Json.object();
        ArrayNode data = root.putArray("data");
        for (ModelGroup group : named) {
            data.addObject()
                    .put("type", "model")
                    .put("id", group.name())
                    .put("display_name", group.name())
                    .put("created_at", CREATED_AT)
                    .put("created", CREATED_EPOCH_SECONDS)
                    .put("object", "model")
                    .put("owned_by", group.deployments().get(0).provider().name());
        }
        root.put("has_more", false);
        root.put("first_id", named.isEmpty() ? null : named.get(0).name());
        root.put("last_id", named.isEmpty() ? null : named.get(named.size() - 1).name());
        root.put("object", "list");
        Responses.json(exchange, 200, Json.bytes(root));
    }
}
