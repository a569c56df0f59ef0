package dev.spillway.engine.cli;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spillway generate-key}: a new random master key. */
@Command(name = "generate-key", mixinStandardHelpOptions = true,
        description = {"Print a new random master key (sk- and 256 random bits) and where to put it.",
                "Exit code: 0."})
final class GenerateKeyCommand implements Callable<Integer> {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Option(names = "--quiet", description = "Print the key only, for scripts.")
    boolean quiet;

    private final CliContext context;

    GenerateKeyCommand(CliContext context) {
        this.context = context;
    }

    /** {@code sk-} and 32 random bytes, base64url without padding. */
    static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "sk-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public Integer call() {
        String key = newKey();
        context.out().println(key);
        if (!quiet) {
            context.err().println("""

                    Keep it out of config files you share. To use it:
                      1. export SPILLWAY_MASTER_KEY=<the key>   (in the shell or service that runs Spillway)
                      2. in config.yaml:  general_settings: {master_key: os.environ/SPILLWAY_MASTER_KEY}
                      3. ./spillway configure-claude --key <the key>   (Claude Code then sends it)""");
        }
        return ExitCodes.OK;
    }
}
