package dev.spillway.engine.cli;

import dev.spillway.engine.Spillway;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code spillway} command line. */
@Command(name = "spillway", mixinStandardHelpOptions = true, versionProvider = SpillwayCli.Version.class,
        description = "Local LLM gateway: Anthropic first, AWS Bedrock the moment Anthropic says 429.",
        subcommands = {ServeCommand.class, AutostartCommand.class, CommandLine.HelpCommand.class})
public final class SpillwayCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command and returns its exit code (0 success, 1 failure, 2 usage error). */
    public static int run(String... args) {
        return new CommandLine(new SpillwayCli()).execute(args.length == 0 ? new String[] {"serve"} : args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"spillway " + Spillway.version()};
        }
    }
}
