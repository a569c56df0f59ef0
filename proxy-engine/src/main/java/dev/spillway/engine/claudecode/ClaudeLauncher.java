package dev.spillway.engine.claudecode;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts Claude Code pointed at Spillway whatever the user's settings say: {@code ANTHROPIC_BASE_URL} in the
 * environment and, since settings files beat the environment, also in {@code --settings} (command-line settings beat
 * user and project files), with {@code CLAUDE_CODE_USE_BEDROCK} and the other third-party switches removed. The
 * master key, if any, goes in the environment only: command lines are visible to every user of the machine.
 */
public final class ClaudeLauncher {

    private static final List<String> SWITCHES =
            List.of("CLAUDE_CODE_USE_BEDROCK", "CLAUDE_CODE_USE_VERTEX", "CLAUDE_CODE_USE_FOUNDRY");

    private final Map<String, String> env;
    private final Optional<Path> spillwayHome;

    /**
     * @param env the environment to start from
     * @param spillwayHome the Spillway checkout or install directory, whose {@code tools/claude-code} is searched
     *     after the {@code PATH}
     */
    public ClaudeLauncher(Map<String, String> env, Optional<Path> spillwayHome) {
        this.env = env;
        this.spillwayHome = spillwayHome;
    }

    /** The {@code claude} executable: on the {@code PATH}, else in {@code tools/claude-code}. */
    public Optional<Path> findClaude() {
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            for (String name : List.of("claude", "claude.cmd", "claude.exe")) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return spillwayHome.map(home -> home.resolve("tools/claude-code/node_modules/.bin/claude"))
                .filter(Files::isExecutable);
    }

    /** The process to start: {@code claude --settings {...} args...}, with the proxy's environment. */
    public ProcessBuilder command(Path claude, URI baseUrl, Optional<String> authToken, List<String> args) {
        ObjectNode settings = SettingsJson.object();
        ObjectNode settingsEnv = settings.putObject("env");
        settingsEnv.put(ClaudeCodeIntegration.BASE_URL, baseUrl.toString());
        SWITCHES.forEach(s -> settingsEnv.put(s, ""));

        List<String> command = new ArrayList<>(List.of(claude.toString(), "--settings", settings.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> childEnv = builder.environment();
        childEnv.clear();
        childEnv.putAll(env);
        SWITCHES.forEach(childEnv::remove);
        childEnv.put(ClaudeCodeIntegration.BASE_URL, baseUrl.toString());
        authToken.ifPresent(t -> childEnv.put(ClaudeCodeIntegration.AUTH_TOKEN, t));
        return builder;
    }
}
