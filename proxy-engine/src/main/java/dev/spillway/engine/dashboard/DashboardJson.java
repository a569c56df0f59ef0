package dev.spillway.engine.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.DeploymentChange;
import dev.spillway.engine.GatewayStatus;
import dev.spillway.engine.RoutingChange;
import dev.spillway.engine.events.RequestEvent;
import dev.spillway.engine.json.Json;
import dev.spillway.engine.spend.SpendRow;
import dev.spillway.engine.spend.Totals;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** The JSON shapes of the dashboard's API, in one place so the page has one vocabulary. */
final class DashboardJson {

    private DashboardJson() {
    }

    static ObjectNode request(RequestEvent e, BigDecimal costUsd) {
        RequestEvent.Usage u = e.usage() == null ? RequestEvent.Usage.NONE : e.usage();
        ObjectNode row = Json.object()
                .put("id", e.requestId())
                .put("time", e.time().toString())
                .put("requestedModel", e.requestedModel())
                .put("group", e.modelGroup().orElse(null))
                .put("deployment", e.deploymentId().orElse(null))
                .put("provider", e.provider().orElse(null))
                .put("upstreamModel", e.upstreamModel().orElse(null))
                .put("status", e.status())
                .put("stream", e.stream())
                .put("latencyMs", e.latency() == null ? 0 : e.latency().toMillis());
        e.timeToFirstByte().ifPresent(t -> row.put("ttftMs", t.toMillis()));
        tokens(row, u.inputTokens(), u.outputTokens(), u.cacheReadTokens(), u.cacheWriteTokens());
        return row.put("costUsd", costUsd)
                .put("fallback", e.fallbackTaken())
                .put("attemptedFallbacks", e.attemptedFallbacks())
                .put("attemptedRetries", e.attemptedRetries())
                .put("cacheHit", e.cacheHit())
                .put("error", e.error().orElse(null))
                .put("caller", e.caller().orElse(null));
    }

    static ObjectNode request(SpendRow r) {
        ObjectNode row = Json.object()
                .put("id", r.requestId())
                .put("time", r.time().toString())
                .put("requestedModel", r.requestedModel())
                .put("group", r.modelGroup())
                .put("deployment", r.deploymentId())
                .put("provider", r.provider())
                .put("upstreamModel", r.upstreamModel())
                .put("status", r.status())
                .put("stream", r.stream())
                .put("latencyMs", r.latencyMs());
        if (r.ttftMs() != null) {
            row.put("ttftMs", r.ttftMs());
        }
        tokens(row, r.inputTokens(), r.outputTokens(), r.cacheReadTokens(), r.cacheWriteTokens());
        return row.put("costUsd", r.costUsd())
                .put("fallback", r.fallbackTaken())
                .put("cacheHit", r.cacheHit())
                .put("error", r.error())
                .put("caller", r.caller());
    }

    static ObjectNode totals(Totals t) {
        ObjectNode node = Json.object()
                .put("requests", t.requests())
                .put("failedRequests", t.failedRequests());
        tokens(node, t.inputTokens(), t.outputTokens(), t.cacheReadTokens(), t.cacheWriteTokens());
        return node.put("costUsd", t.costUsd());
    }

    static void tokens(ObjectNode node, long input, long output, long cacheRead, long cacheWrite) {
        node.put("inputTokens", input)
                .put("outputTokens", output)
                .put("cacheReadTokens", cacheRead)
                .put("cacheWriteTokens", cacheWrite)
                .put("totalTokens", input + output + cacheRead + cacheWrite);
    }

    static ObjectNode groups(GatewayStatus status, ObjectNode into) {
        ArrayNode groups = into.putArray("groups");
        for (GatewayStatus.GroupStatus g : status.groups()) {
            ObjectNode group = groups.addObject()
                    .put("name", g.name())
                    .put("state", g.state().name().toLowerCase(Locale.ROOT))
                    .put("primaryDeployment", g.primaryDeployment())
                    .put("servedBy", g.servedBy().orElse(null));
            ArrayNode fallbacks = group.putArray("fallbackGroups");
            g.fallbackGroups().forEach(fallbacks::add);
            ArrayNode cooled = group.putArray("cooledDown");
            g.cooledDown().forEach(c -> cooled.addObject().put("deployment", c.deployment())
                    .put("until", c.until().toString()));
        }
        ArrayNode deployments = into.putArray("deployments");
        for (GatewayStatus.DeploymentStatus d : status.deployments()) {
            deployments.addObject()
                    .put("id", d.id())
                    .put("group", d.group())
                    .put("provider", d.provider())
                    .put("model", d.model())
                    .put("state", d.coolingDownUntil().isPresent() ? "cooling_down" : "healthy")
                    .put("coolingDownUntil", instant(d.coolingDownUntil()))
                    .put("requestsPerMinute", d.requestsPerMinute());
        }
        return into;
    }

    static ObjectNode routingChange(RoutingChange c) {
        return Json.object()
                .put("group", c.group())
                .put("kind", c.kind().name().toLowerCase(Locale.ROOT))
                .put("from", c.from())
                .put("to", c.to())
                .put("time", c.time().toString())
                .put("message", c.describe());
    }

    static ObjectNode deploymentChange(DeploymentChange c) {
        return Json.object()
                .put("deployment", c.deployment())
                .put("state", c.coolingDown() ? "cooling_down" : "healthy")
                .put("coolingDownUntil", instant(c.coolingDownUntil()))
                .put("status", c.status())
                .put("time", c.time().toString());
    }

    private static String instant(Optional<Instant> instant) {
        return instant.map(Instant::toString).orElse(null);
    }
}
