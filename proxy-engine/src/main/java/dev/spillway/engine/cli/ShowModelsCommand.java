package dev.spillway.engine.cli;

import dev.spillway.engine.config.ConfigException;
import dev.spillway.engine.config.ConfigLoader;
import dev.spillway.engine.config.DeploymentConfig;
import dev.spillway.engine.config.SpillwayConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spillway show-models}: the config's model list, without a running proxy. */
@Command(name = "show-models", mixinStandardHelpOptions = true,
        description = {"Show the model list of a config file (or the built-in one): model name, deployment id, "
                + "provider/model.", "Exit codes: 0 shown, 1 the config cannot be read."})
final class ShowModelsCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "The config.yaml (default: the built-in config).")
    Path config;

    private final CliContext context;

    ShowModelsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        SpillwayConfig loaded;
        try {
            ConfigLoader loader = ConfigLoader.withEnvironment(context.env());
            if (config != null && !Files.isRegularFile(config)) {
                context.err().println("spillway: config file not found: " + config.toAbsolutePath());
                return ExitCodes.FAILED;
            }
            loaded = config == null ? loader.loadDefault() : loader.load(config);
        } catch (ConfigException e) {
            context.err().println("spillway: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        context.out().println("# " + loaded.source().map(Path::toString).orElse(ConfigLoader.DEFAULT_CONFIG_NAME));
        int width = loaded.deployments().stream().mapToInt(d -> d.modelName().length()).max().orElse(10);
        for (DeploymentConfig d : loaded.deployments()) {
            context.out().println(String.format("%-" + width + "s  %-18s  %s/%s", d.modelName(), d.id(),
                    d.provider(), d.model()));
        }
        if (!loaded.router().fallbacks().isEmpty()) {
            context.out().println("fallbacks: " + loaded.router().fallbacks());
        }
        return ExitCodes.OK;
    }
}
