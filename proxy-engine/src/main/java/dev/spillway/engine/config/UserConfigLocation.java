package dev.spillway.engine.config;

import dev.spillway.engine.files.UserFolders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the user's own {@code config.yaml} lives: the file the desktop app's settings window writes and
 * {@code spillway serve} reads when no {@code --config} is given. Created from the built-in default on first save.
 *
 * @param directory {@code ~/.config/spillway} ({@code $XDG_CONFIG_HOME/spillway}),
 *     {@code ~/Library/Application Support/Spillway} on macOS, {@code %APPDATA%\Spillway} on Windows
 */
public record UserConfigLocation(Path directory) {

    public static final String FILE_NAME = "config.yaml";

    public static UserConfigLocation forCurrentUser() {
        return forUser(System.getProperty("os.name", ""), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    static UserConfigLocation forUser(String osName, Map<String, String> env, Path home) {
        return new UserConfigLocation(UserFolders.spillwayFolder(osName, env, home, "XDG_CONFIG_HOME", ".config"));
    }

    public Path file() {
        return directory.resolve(FILE_NAME);
    }

    /** The config file, if the user has one yet. */
    public Optional<Path> existingFile() {
        return Files.isRegularFile(file()) ? Optional.of(file()) : Optional.empty();
    }
}
