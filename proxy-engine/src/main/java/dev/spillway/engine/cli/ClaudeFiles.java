package dev.spillway.engine.cli;

import dev.spillway.engine.claudecode.ClaudeCodeFiles;
import dev.spillway.engine.claudecode.ClaudeCodeIntegration;
import dev.spillway.engine.claudecode.ShellProfile;
import java.util.ArrayList;
import java.util.List;

/** The Claude Code integration as the commands use it: the context's home, directory and environment. */
final class ClaudeFiles {

    private ClaudeFiles() {
    }

    static ClaudeCodeFiles files(CliContext context) {
        return ClaudeCodeFiles.forUser(context.home(), context.workingDir(), context.env());
    }

    static ClaudeCodeIntegration integration(CliContext context) {
        return new ClaudeCodeIntegration(files(context), context.env());
    }

    /** The shell profiles that have Spillway's block. */
    static List<ShellProfile> installedShellProfiles(CliContext context) {
        List<ShellProfile> installed = new ArrayList<>();
        for (ShellProfile.Shell shell : ShellProfile.Shell.values()) {
            ShellProfile profile = new ShellProfile(context.home(), shell);
            if (profile.installed()) {
                installed.add(profile);
            }
        }
        return installed;
    }
}
