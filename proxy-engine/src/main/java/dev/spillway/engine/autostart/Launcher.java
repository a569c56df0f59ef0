package dev.spillway.engine.autostart;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * The program a login entry starts: the installed launcher (jpackage tells it through the {@code jpackage.app-path}
 * system property) or, in a source checkout, its {@code ./spillway} script.
 */
public final class Launcher {

    static final String JPACKAGE_APP_PATH = "jpackage.app-path";

    private final Path executable;

    private Launcher(Path executable) {
        this.executable = executable;
    }

    /** A launcher at a known path. */
    public static Launcher at(Path executable) {
        return new Launcher(executable.toAbsolutePath().normalize());
    }

    /** No launcher found: enabling autostart then fails with a message that says so. */
    public static Launcher unknown() {
        return new Launcher(null);
    }

    /** The launcher this JVM was started from. */
    public static Launcher current() {
        return resolve(System.getProperty(JPACKAGE_APP_PATH), codeLocation());
    }

    /** The jpackage launcher if there is one, else the checkout script around the code's location. */
    static Launcher resolve(String jpackageAppPath, Optional<Path> codeLocation) {
        if (jpackageAppPath != null && !jpackageAppPath.isBlank()) {
            return at(Path.of(jpackageAppPath));
        }
        return codeLocation.flatMap(Launcher::checkoutScript).map(Launcher::at).orElseGet(Launcher::unknown);
    }

    /** The {@code spillway} script of the source checkout holding {@code start} (a jar or classes directory). */
    static Optional<Path> checkoutScript(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path script = dir.resolve("spillway");
            if (Files.isRegularFile(script) && Files.isExecutable(script) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return Optional.of(script);
            }
        }
        return Optional.empty();
    }

    public Optional<Path> executable() {
        return Optional.ofNullable(executable);
    }

    Path require() {
        if (executable == null) {
            throw new IllegalStateException("cannot tell where the Spillway launcher is: run this from the installed "
                    + "Spillway or from a source checkout's ./spillway");
        }
        return executable;
    }

    private static Optional<Path> codeLocation() {
        CodeSource source = Launcher.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return executable == null ? "(launcher not found)" : executable.toString();
    }
}
