package dev.spillway.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code spillway models}: the model names the running proxy serves ({@code GET /v1/models}). */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = {"List the model names the running proxy serves, one per line, with the provider that "
                + "serves each first.", "Exit codes: 0 listed, 3 not running, 1 error."})
final class ModelsCommand implements Callable<Integer> {

    @Mixin
    ProxyOptions proxy = new ProxyOptions();

    private final CliContext context;

    ModelsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        ProxyClient.Answer models;
        try {
            models = new ProxyClient(proxy.url, proxy.key(context)).get("/v1/models");
        } catch (ProxyClient.NotRunning e) {
            context.err().println("spillway: " + e.getMessage());
            return ExitCodes.NOT_RUNNING;
        }
        if (!models.ok()) {
            context.err().println("spillway: " + models.errorMessage());
            return ExitCodes.FAILED;
        }
        for (JsonNode model : models.json().path("data")) {
            context.out().println(model.path("id").asText() + "\t" + model.path("owned_by").asText());
        }
        return ExitCodes.OK;
    }
}
