package dev.spillway.engine.cli;

import dev.spillway.engine.Spillway;
import java.lang.reflect.Constructor;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code spillway} command line. */
@Command(name = "spillway", mixinStandardHelpOptions = true, versionProvider = SpillwayCli.Version.class,
        description = "Local LLM gateway: Anthropic first, AWS Bedrock the moment Anthropic says 429.",
        footer = {"", "Exit codes: 0 ok, 1 failed, 2 bad command line, 3 proxy not running, 4 done but needs you "
                + "(sign-in, conflicting setting, unhealthy deployment)."},
        subcommands = {ServeCommand.class, StatusCommand.class, HealthCommand.class, ModelsCommand.class,
                ShowModelsCommand.class, UpdateModelsCommand.class, GenerateKeyCommand.class,
                ConfigureClaudeCommand.class, RemoveClaudeCommand.class, ShowClaudeCommand.class,
                TestClaudeCommand.class, ClaudeCommand.class, SsoLoginCommand.class, SsoStatusCommand.class,
                ServiceCommands.Install.class, ServiceCommands.Uninstall.class, ServiceCommands.Status.class,
                AutostartCommand.class, CommandLine.HelpCommand.class})
public final class SpillwayCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command and returns its exit code (see {@link ExitCodes}). */
    public static int run(String... args) {
        return run(CliContext.system(), args);
    }

    /** Runs a command in {@code context} (its home, environment and terminal) and returns its exit code. */
    public static int run(CliContext context, String... args) {
        CommandLine cli = new CommandLine(new SpillwayCli(), new ContextFactory(context))
                .setOut(context.out()).setErr(context.err());
        // Everything after `spillway claude [its options]` belongs to Claude Code.
        cli.getSubcommands().get("claude").setUnmatchedOptionsArePositionalParams(true).setStopAtPositional(true);
        try {
            return cli.execute(args.length == 0 ? new String[] {"serve"} : args);
        } finally {
            context.out().flush();
            context.err().flush();
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"spillway " + Spillway.version()};
        }
    }

    /** Builds commands that take a {@link CliContext} with it; everything else the usual way. */
    private record ContextFactory(CliContext context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                Constructor<K> constructor = type.getDeclaredConstructor(CliContext.class);
                constructor.setAccessible(true);
                return constructor.newInstance(context);
            } catch (NoSuchMethodException none) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
