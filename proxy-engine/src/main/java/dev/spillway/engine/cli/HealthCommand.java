package dev.spillway.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code spillway health}: each deployment, healthy or cooling down, as the router sees it. */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = {"List each deployment as healthy or cooling down (no paid requests are sent).",
                "Exit codes: 0 all healthy, 4 some cooling down, 3 not running, 1 error."})
final class HealthCommand implements Callable<Integer> {

    @Mixin
    ProxyOptions proxy = new ProxyOptions();

    private final CliContext context;

    HealthCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        ProxyClient.Answer health;
        try {
            health = new ProxyClient(proxy.url, proxy.key(context)).get("/health");
        } catch (ProxyClient.NotRunning e) {
            context.err().println("spillway: " + e.getMessage());
            return ExitCodes.NOT_RUNNING;
        }
        if (!health.ok()) {
            context.err().println("spillway: " + health.errorMessage() + (health.status() == 401
                    ? " Pass --key or set SPILLWAY_MASTER_KEY." : ""));
            return ExitCodes.FAILED;
        }
        for (JsonNode d : health.json().path("healthy_endpoints")) {
            context.out().println(line("healthy     ", d));
        }
        for (JsonNode d : health.json().path("unhealthy_endpoints")) {
            context.out().println(line("cooling down", d) + " (" + d.path("cooldown_remaining_seconds").asLong()
                    + " s left)");
        }
        int unhealthy = health.json().path("unhealthy_count").asInt();
        context.out().println(health.json().path("healthy_count").asInt() + " healthy, " + unhealthy
                + " cooling down");
        return unhealthy == 0 ? ExitCodes.OK : ExitCodes.NEEDS_ATTENTION;
    }

    private static String line(String state, JsonNode d) {
        return state + "  " + d.path("model").asText() + "  " + d.path("model_id").asText() + "  "
                + d.path("provider").asText() + "  " + d.path("api_base").asText();
    }
}
