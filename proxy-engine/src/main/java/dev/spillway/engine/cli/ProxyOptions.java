package dev.spillway.engine.cli;

import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --url} and {@code --key}, for the commands that talk to a running proxy. */
final class ProxyOptions {

    static final String DEFAULT_URL = "http://127.0.0.1:47000";

    @Option(names = "--url", paramLabel = "URL", description = "The proxy's address (default ${DEFAULT-VALUE}).")
    URI url = URI.create(DEFAULT_URL);

    @Option(names = "--key", paramLabel = "KEY",
            description = "The proxy's master key, if it has one (default: $SPILLWAY_MASTER_KEY).")
    String key;

    /** {@code --key}, else {@code SPILLWAY_MASTER_KEY}. */
    Optional<String> key(CliContext context) {
        return Optional.ofNullable(key).or(() -> Optional.ofNullable(context.env().get("SPILLWAY_MASTER_KEY")))
                .filter(k -> !k.isBlank());
    }
}
