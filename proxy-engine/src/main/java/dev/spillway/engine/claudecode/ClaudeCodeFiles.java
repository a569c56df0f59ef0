package dev.spillway.engine.claudecode;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where Claude Code keeps its settings, and where Spillway keeps what it needs to undo its change.
 *
 * @param userSettings {@code ~/.claude/settings.json} ({@code $CLAUDE_CONFIG_DIR/settings.json} if set)
 * @param backup the user settings file as it was before Spillway changed it, byte for byte
 * @param record what Spillway changed: the values it replaced, and a hash of what it wrote
 * @param credentials Claude Code's stored login ({@code .credentials.json}, Linux and Windows)
 * @param projectSettings the project's {@code .claude/settings.json} and {@code settings.local.json}, which override
 *     the user file for Claude Code started in that directory
 * @param managedSettings the administrator's managed settings, which override everything
 */
public record ClaudeCodeFiles(Path userSettings, Path backup, Path record, Path credentials,
        List<Path> projectSettings, List<Path> managedSettings) {

    /** The files for a user with home directory {@code home}, running Claude Code in {@code workingDir}. */
    public static ClaudeCodeFiles forUser(Path home, Path workingDir, Map<String, String> env) {
        String configDir = env.get("CLAUDE_CONFIG_DIR");
        Path dir = configDir != null && !configDir.isBlank() ? Path.of(configDir) : home.resolve(".claude");
        Path project = workingDir.resolve(".claude");
        return new ClaudeCodeFiles(dir.resolve("settings.json"), dir.resolve("settings.json.spillway-backup"),
                dir.resolve("spillway-integration.json"), dir.resolve(".credentials.json"),
                List.of(project.resolve("settings.json"), project.resolve("settings.local.json")),
                List.of(managedSettingsFile(System.getProperty("os.name"))));
    }

    /** The managed-settings file of each OS, as Claude Code's docs give them. */
    static Path managedSettingsFile(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return Path.of("/Library/Application Support/ClaudeCode/managed-settings.json");
        }
        if (os.contains("win")) {
            return Path.of("C:\\ProgramData\\ClaudeCode\\managed-settings.json");
        }
        return Path.of("/etc/claude-code/managed-settings.json");
    }

    /** The same files with other project and managed settings (e.g. none, for tests that must not read /etc). */
    public ClaudeCodeFiles withOverrides(List<Path> project, List<Path> managed) {
        return new ClaudeCodeFiles(userSettings, backup, record, credentials, project, managed);
    }
}
