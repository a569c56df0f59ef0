package dev.spillway.engine.cli;

import dev.spillway.engine.Spillway;
import dev.spillway.engine.SpillwayOptions;
import dev.spillway.engine.aws.SsoRefresher;
import dev.spillway.engine.aws.UserHome;
import dev.spillway.engine.config.ConfigException;
import dev.spillway.engine.config.ConfigLoader;
import dev.spillway.engine.config.SpillwayConfig;
import dev.spillway.engine.config.UserConfigLocation;
import dev.spillway.engine.secrets.SecretEnvironment;
import dev.spillway.engine.secrets.SecretStore;
import dev.spillway.engine.secrets.SecretStores;
import dev.spillway.engine.spend.SpendStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spillway serve}: the headless proxy, until SIGINT or SIGTERM. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the proxy without the desktop app. Stops cleanly on Ctrl-C or SIGTERM.")
final class ServeCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--config", paramLabel = "FILE",
            description = "LiteLLM-style config.yaml. Default: the desktop app's config file (e.g. "
                    + "~/.config/spillway/config.yaml) if there is one, else the built-in config (Claude models to "
                    + "Anthropic, falling back to Bedrock in the default AWS profile and region).")
    Path config;

    @Option(names = "--port", paramLabel = "N",
            description = "Port to listen on (default: spillway_settings.port in the config, else 47000).")
    Integer port;

    @Option(names = "--host", paramLabel = "ADDR",
            description = "Address to bind (default: spillway_settings.host in the config, else 127.0.0.1).")
    String host;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the spend database lives (default: the user's data directory, e.g. "
                    + "~/.local/share/spillway).")
    Path dataDir;

    @Override
    public Integer call() throws InterruptedException {
        SpillwayConfig loaded;
        Spillway gateway;
        try {
            if (config != null && !Files.isRegularFile(config)) {
                System.err.println("spillway: config file not found: " + config.toAbsolutePath());
                return 1;
            }
            UserConfigLocation user = UserConfigLocation.forCurrentUser();
            Optional<Path> file = config != null ? Optional.of(config) : user.existingFile();
            loaded = file.map(f -> loader(f, user).load(f))
                    .orElseGet(() -> ConfigLoader.withEnvironment(System.getenv()).loadDefault());
            Path data = dataDir != null ? dataDir : SpendStore.defaultDataDirectory();
            gateway = Spillway.start(loaded, SpillwayOptions.defaults()
                    .withHost(host != null ? host : loaded.app().host().orElse(SpillwayOptions.DEFAULT_HOST))
                    .withPort(port != null ? port : loaded.app().port().orElse(SpillwayOptions.DEFAULT_PORT))
                    .withSpendDatabase(SpendStore.defaultJdbcUrl(data)));
        } catch (ConfigException e) {
            System.err.println("spillway: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            System.err.println("spillway: could not start: " + describe(e));
            return 1;
        }
        SsoRefresher sessions = watchSsoSessions(loaded);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping: finishing in-flight requests");
            sessions.close();
            gateway.close();
            log.info("Stopped");
            flushLogs();
            stopped.countDown();
        }, "spillway-shutdown"));
        log.info("Spillway {} listening on {} ({}, {} model groups)", Spillway.version(), gateway.baseUrl(),
                loaded.source().map(Path::toString).orElse("built-in config"), gateway.modelGroups().size());
        log.info("Dashboard: {}", gateway.dashboardUrl());
        stopped.await();
        return 0;
    }

    /** Keys the settings window stored in the OS credential store fill the config's {@code os.environ/} gaps. */
    private static ConfigLoader loader(Path file, UserConfigLocation user) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException | UncheckedIOException e) {
            return ConfigLoader.withEnvironment(System.getenv()); // the loader reports the read error itself
        }
        SecretStore secrets = SecretStores.forCurrentUser(user.directory());
        return ConfigLoader.withEnvironment(SecretEnvironment.of(System.getenv(), secrets, text));
    }

    /** Keeps the Bedrock deployments' SSO sessions renewed, and says in the log when one needs a sign-in. */
    private static SsoRefresher watchSsoSessions(SpillwayConfig config) {
        Map<String, String> env = System.getenv();
        SsoRefresher refresher = SsoRefresher.forUser(UserHome.of(env), env);
        List<String> profiles = SsoRefresher.profilesUsedBy(config.deployments(), env);
        if (!profiles.isEmpty()) {
            refresher.watch(profiles, outcome -> {
                switch (outcome.result()) {
                    case SIGN_IN_NEEDED -> log.warn("{}", outcome.message());
                    case REFRESHED -> log.info("{}", outcome.message());
                    case STILL_VALID -> log.debug("{}", outcome.message());
                    case NOT_SSO -> { }
                }
            });
        }
        return refresher;
    }

    /** Logging is asynchronous: let the last lines out before the JVM exits. */
    private static void flushLogs() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.stop();
        }
    }

    private static String describe(RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof java.net.BindException) {
            return "the address is in use or not available (" + root.getMessage() + "); pick another --port.";
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
