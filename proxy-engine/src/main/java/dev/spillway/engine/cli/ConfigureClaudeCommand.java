package dev.spillway.engine.cli;

import dev.spillway.engine.claudecode.ClaudeCodeException;
import dev.spillway.engine.claudecode.ClaudeCodeIntegration;
import dev.spillway.engine.claudecode.Conflict;
import dev.spillway.engine.claudecode.ShellProfile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spillway configure-claude}: point Claude Code at Spillway. */
@Command(name = "configure-claude", mixinStandardHelpOptions = true,
        description = {"Point Claude Code at Spillway: set env.ANTHROPIC_BASE_URL (and ANTHROPIC_AUTH_TOKEN with "
                + "--key) in ~/.claude/settings.json, keeping everything else, after a backup. Undo with "
                + "remove-claude.",
                "Exit codes: 0 configured, 4 configured but something overrides it (listed), 1 error."})
final class ConfigureClaudeCommand implements Callable<Integer> {

    @Option(names = "--url", paramLabel = "URL", description = "Spillway's address (default ${DEFAULT-VALUE}).")
    URI url = URI.create(ProxyOptions.DEFAULT_URL);

    @Option(names = "--key", paramLabel = "KEY", description = "The proxy's master key, if it has one; Claude Code "
            + "sends it as ANTHROPIC_AUTH_TOKEN (default: $SPILLWAY_MASTER_KEY).")
    String key;

    @Option(names = "--shell", paramLabel = "SHELL", description = "Instead of settings.json, add an export block "
            + "to the profile of this shell: bash, zsh or fish.")
    String shell;

    @Option(names = "--dry-run", description = "Show what would change, change nothing.")
    boolean dryRun;

    private final CliContext context;

    ConfigureClaudeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Optional<String> token = Optional.ofNullable(key)
                .or(() -> Optional.ofNullable(context.env().get("SPILLWAY_MASTER_KEY"))).filter(k -> !k.isBlank());
        try {
            return shell != null ? shellMode(token) : settingsMode(token);
        } catch (ClaudeCodeException | UncheckedIOException e) {
            context.err().println("spillway: " + e.getMessage());
            return ExitCodes.FAILED;
        }
    }

    private int settingsMode(Optional<String> token) {
        ClaudeCodeIntegration claude = ClaudeFiles.integration(context);
        if (dryRun) {
            claude.plan(url, token).forEach(line -> context.out().println(line));
            return ExitCodes.OK;
        }
        claude.plan(url, token).stream().filter(line -> !line.startsWith("warning: "))
                .forEach(line -> context.out().println(line));
        ClaudeCodeIntegration.State state = claude.configure(url, token);
        context.out().println("Claude Code now uses Spillway at " + url + " (new sessions; restart running ones).");
        context.out().println("Check it: ./spillway test-claude   Undo: ./spillway remove-claude");
        return reportConflicts(state);
    }

    private int shellMode(Optional<String> token) {
        ShellProfile profile = new ShellProfile(context.home(), ShellProfile.Shell.of(shell));
        if (dryRun) {
            context.out().println((profile.installed() ? "replace" : "add") + " Spillway's block in " + profile.file());
            return ExitCodes.OK;
        }
        profile.install(url, token);
        context.out().println("Added Spillway's block to " + profile.file() + ": new " + shell
                + " shells export ANTHROPIC_BASE_URL=" + url + ". Undo: ./spillway remove-claude --shell " + shell);
        ClaudeCodeIntegration.State state = ClaudeFiles.integration(context).state();
        boolean settingsWin = state.baseUrl().filter(other -> !other.equals(url.toString())).isPresent();
        if (settingsWin) {
            context.out().println("warning: " + state.settingsFile() + " sets env.ANTHROPIC_BASE_URL="
                    + state.baseUrl().get() + ", which wins over the shell: run ./spillway configure-claude "
                    + "(without --shell) or remove it from that file");
        }
        int conflicts = reportConflicts(state);
        return settingsWin ? ExitCodes.NEEDS_ATTENTION : conflicts;
    }

    private int reportConflicts(ClaudeCodeIntegration.State state) {
        for (Conflict conflict : state.conflicts()) {
            context.out().println("warning: " + conflict);
        }
        return state.conflicts().isEmpty() ? ExitCodes.OK : ExitCodes.NEEDS_ATTENTION;
    }
}
