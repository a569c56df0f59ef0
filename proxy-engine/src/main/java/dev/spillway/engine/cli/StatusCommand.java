package dev.spillway.engine.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code spillway status}: is the proxy running, which version, how many deployments are healthy. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show whether Spillway is running, its version and how many deployments are healthy.",
                "Exit codes: 0 running, 3 not running, 1 error."})
final class StatusCommand implements Callable<Integer> {

    @Mixin
    ProxyOptions proxy = new ProxyOptions();

    private final CliContext context;

    StatusCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        ProxyClient client = new ProxyClient(proxy.url, proxy.key(context));
        try {
            ProxyClient.Answer ready = client.get("/health/readiness");
            if (!ready.ok()) {
                context.err().println("spillway: " + proxy.url + " answered " + ready.status()
                        + " to /health/readiness: is that Spillway?");
                return ExitCodes.FAILED;
            }
            context.out().println("Spillway " + ready.json().path("version").asText("?") + " is running at "
                    + proxy.url);
            ProxyClient.Answer health = client.get("/health");
            if (health.ok()) {
                context.out().println("Deployments: " + health.json().path("healthy_count").asInt() + " healthy, "
                        + health.json().path("unhealthy_count").asInt() + " cooling down (details: ./spillway health)");
            } else {
                context.out().println("Deployments: unknown (" + health.errorMessage()
                        + "; pass --key or set SPILLWAY_MASTER_KEY)");
            }
            return ExitCodes.OK;
        } catch (ProxyClient.NotRunning e) {
            context.err().println("spillway: " + e.getMessage());
            return ExitCodes.NOT_RUNNING;
        }
    }
}
