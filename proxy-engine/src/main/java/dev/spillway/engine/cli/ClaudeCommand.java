package dev.spillway.engine.cli;

import dev.spillway.engine.claudecode.ClaudeLauncher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spillway claude [args]}: Claude Code, through Spillway. */
@Command(name = "claude",
        description = {"Start Claude Code through Spillway: ANTHROPIC_BASE_URL set, CLAUDE_CODE_USE_BEDROCK removed, "
                + "whatever the settings files say. Spillway's options come first; "
                + "everything from the first other argument on goes to claude (claude's own --help: "
                + "spillway claude -- --help).", "Exit code: claude's own; 1 if claude is not installed."})
final class ClaudeCommand implements Callable<Integer> {

    @Mixin
    ProxyOptions proxy = new ProxyOptions();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Parameters(paramLabel = "ARGS", description = "Arguments for claude.")
    List<String> args = new ArrayList<>();

    private final CliContext context;

    ClaudeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        ClaudeLauncher launcher = new ClaudeLauncher(context.env(), context.spillwayHome());
        Optional<Path> claude = launcher.findClaude();
        if (claude.isEmpty()) {
            context.err().println("spillway: Claude Code (claude) is not on the PATH: install it with "
                    + "npm install -g @anthropic-ai/claude-code");
            return ExitCodes.FAILED;
        }
        try {
            Process process = launcher.command(claude.get(), proxy.url, proxy.key(context), args).inheritIO().start();
            return process.waitFor();
        } catch (IOException e) {
            context.err().println("spillway: cannot start " + claude.get() + ": " + e.getMessage());
            return ExitCodes.FAILED;
        }
    }
}
