package dev.spillway.engine.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
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
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            Path base = appData == null || appData.isBlank()
                    ? home.resolve("AppData").resolve("Roaming")
                    : home.getFileSystem().getPath(appData);
            return new UserConfigLocation(base.resolve("Spillway"));
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return new UserConfigLocation(home.resolve("Library").resolve("Application Support").resolve("Spillway"));
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank() && home.getFileSystem().getPath(xdg).isAbsolute()) {
            return new UserConfigLocation(home.getFileSystem().getPath(xdg).resolve("spillway"));
        }
        return new UserConfigLocation(home.resolve(".config").resolve("spillway"));
    }

    public Path file() {
        return directory.resolve(FILE_NAME);
    }

    /** The config file, if the user has one yet. */
    public Optional<Path> existingFile() {
        return Files.isRegularFile(file()) ? Optional.of(file()) : Optional.empty();
    }
}
