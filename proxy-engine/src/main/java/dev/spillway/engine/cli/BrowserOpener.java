package dev.spillway.engine.cli;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Opens a URL in the user's browser with the desktop's own opener ({@code xdg-open}, {@code open},
 * {@code rundll32}), as command-line tools do. The engine stays free of AWT, so it runs headless; on a machine with
 * no opener (a server, SSH) the caller prints the URL instead.
 */
final class BrowserOpener implements Predicate<URI> {

    private final Map<String, String> env;
    private final String osName;

    BrowserOpener(Map<String, String> env, String osName) {
        this.env = env;
        this.osName = osName.toLowerCase(Locale.ROOT);
    }

    /** Starts the opener; {@code false} if there is none or it could not be started. */
    @Override
    public boolean test(URI uri) {
        Optional<List<String>> command = command(uri);
        if (command.isEmpty()) {
            return false;
        }
        try {
            new ProcessBuilder(command.get()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    Optional<List<String>> command(URI uri) {
        if (osName.contains("win")) {
            return Optional.of(List.of("rundll32", "url.dll,FileProtocolHandler", uri.toString()));
        }
        if (osName.contains("mac")) {
            return Optional.of(List.of("open", uri.toString()));
        }
        boolean graphical = env.containsKey("DISPLAY") || env.containsKey("WAYLAND_DISPLAY");
        return graphical ? onPath("xdg-open").map(opener -> List.of(opener.toString(), uri.toString()))
                : Optional.empty();
    }

    private Optional<Path> onPath(String name) {
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Optional.of(Path.of(dir, name));
            }
        }
        return Optional.empty();
    }
}
