package dev.spillway.engine.files;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where an application keeps a user's files on each OS: {@code %APPDATA%\Spillway} on Windows,
 * {@code ~/Library/Application Support/Spillway} on macOS, and elsewhere {@code $<xdgVariable>/spillway}, or
 * {@code <home>/<xdgDefault>/spillway} when the variable is unset or relative (the XDG spec says to ignore those).
 */
public final class UserFolders {

    private UserFolders() {
    }

    /**
     * @param xdgVariable e.g. {@code XDG_CONFIG_HOME}
     * @param xdgDefault its default under the home, e.g. {@code .config}
     */
    public static Path spillwayFolder(String osName, Map<String, String> env, Path home, String xdgVariable,
            String xdgDefault) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            Path base = appData == null || appData.isBlank()
                    ? home.resolve("AppData").resolve("Roaming")
                    : home.getFileSystem().getPath(appData);
            return base.resolve("Spillway");
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return home.resolve("Library").resolve("Application Support").resolve("Spillway");
        }
        String xdg = env.get(xdgVariable);
        if (xdg != null && !xdg.isBlank() && home.getFileSystem().getPath(xdg).isAbsolute()) {
            return home.getFileSystem().getPath(xdg).resolve("spillway");
        }
        return home.resolve(xdgDefault).resolve("spillway");
    }
}
