package dev.spillway.engine.cli;

import dev.spillway.engine.aws.UserHome;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the commands see of the world: home and working directories, environment, terminal, clock, and how to open a
 * browser. {@link #system()} is the real one; tests run commands in a temporary home with their own environment.
 *
 * @param home the user's home directory
 * @param workingDir where the command runs (project-level Claude Code settings are looked for here)
 * @param env the environment
 * @param out standard output
 * @param err standard error
 * @param in standard input (for confirmations)
 * @param clock the time
 * @param osName the operating system, as {@code os.name} says it
 * @param spillwayHome the Spillway checkout or install directory ({@code SPILLWAY_HOME}, set by the launcher script)
 * @param browser opens a URL, returning whether it could
 */
public record CliContext(Path home, Path workingDir, Map<String, String> env, PrintWriter out, PrintWriter err,
        BufferedReader in, Clock clock, String osName, Optional<Path> spillwayHome, Predicate<URI> browser) {

    /** The process's own home, directory, environment, terminal and clock. */
    public static CliContext system() {
        Charset charset = Charset.defaultCharset();
        Map<String, String> env = System.getenv();
        return new CliContext(UserHome.of(env), Path.of("").toAbsolutePath(), env,
                new PrintWriter(System.out, true, charset), new PrintWriter(System.err, true, charset),
                new BufferedReader(new InputStreamReader(System.in, charset)), Clock.systemUTC(),
                System.getProperty("os.name"), Optional.ofNullable(env.get("SPILLWAY_HOME")).map(Path::of),
                new BrowserOpener(env, System.getProperty("os.name")));
    }
}
