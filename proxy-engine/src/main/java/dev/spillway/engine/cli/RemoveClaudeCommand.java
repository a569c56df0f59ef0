package dev.spillway.engine.cli;

import dev.spillway.engine.claudecode.ClaudeCodeException;
import dev.spillway.engine.claudecode.ShellProfile;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spillway remove-claude}: undo configure-claude. */
@Command(name = "remove-claude", mixinStandardHelpOptions = true,
        description = {"Undo configure-claude: put back exactly what ~/.claude/settings.json had before (byte for "
                + "byte if it was not edited since), or remove the block from a shell profile with --shell.",
                "Exit codes: 0 removed or nothing to remove, 1 error."})
final class RemoveClaudeCommand implements Callable<Integer> {

    @Option(names = "--shell", paramLabel = "SHELL", description = "Remove the block from this shell's profile "
            + "instead: bash, zsh or fish.")
    String shell;

    private final CliContext context;

    RemoveClaudeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try {
            if (shell != null) {
                ShellProfile profile = new ShellProfile(context.home(), ShellProfile.Shell.of(shell));
                context.out().println(profile.remove() ? "Removed Spillway's block from " + profile.file()
                        : "Nothing to remove: " + profile.file() + " has no Spillway block.");
                return ExitCodes.OK;
            }
            var files = ClaudeFiles.files(context);
            context.out().println(ClaudeFiles.integration(context).remove()
                    ? "Restored " + files.userSettings() + " to what it was before configure-claude."
                    : "Nothing to remove: Spillway has not configured " + files.userSettings() + ".");
            return ExitCodes.OK;
        } catch (ClaudeCodeException | UncheckedIOException e) {
            context.err().println("spillway: " + e.getMessage());
            return ExitCodes.FAILED;
        }
    }
}
