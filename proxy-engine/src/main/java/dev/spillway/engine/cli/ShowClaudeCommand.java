package dev.spillway.engine.cli;

import dev.spillway.engine.claudecode.ClaudeCodeIntegration;
import dev.spillway.engine.claudecode.Conflict;
import dev.spillway.engine.claudecode.ShellProfile;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code spillway show-claude}: the Claude Code integration as it stands. */
@Command(name = "show-claude", mixinStandardHelpOptions = true,
        description = {"Show whether Claude Code is pointed at Spillway, and anything that would override it.",
                "Exit codes: 0 shown, 4 something overrides the setting (listed)."})
final class ShowClaudeCommand implements Callable<Integer> {

    private final CliContext context;

    ShowClaudeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ClaudeCodeIntegration.State state = ClaudeFiles.integration(context).state();
        context.out().println("Claude Code settings: " + state.settingsFile());
        context.out().println(switch (state.status()) {
            case CONFIGURED -> "Status: configured by Spillway, ANTHROPIC_BASE_URL=" + state.baseUrl().orElseThrow()
                    + (state.authTokenSet() ? " (with ANTHROPIC_AUTH_TOKEN)" : "");
            case CONFIGURED_ELSEWHERE -> "Status: ANTHROPIC_BASE_URL=" + state.baseUrl().orElseThrow()
                    + ", not set by Spillway (configure-claude replaces it, remove-claude would put it back)";
            case NOT_CONFIGURED -> "Status: not configured (run ./spillway configure-claude)";
        });
        for (ShellProfile profile : ClaudeFiles.installedShellProfiles(context)) {
            context.out().println("Shell profile: Spillway's block is in " + profile.file());
        }
        for (Conflict conflict : state.conflicts()) {
            context.out().println("warning: " + conflict);
        }
        return state.conflicts().isEmpty() ? ExitCodes.OK : ExitCodes.NEEDS_ATTENTION;
    }
}
