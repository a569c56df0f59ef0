package dev.spillway.engine.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Runs {@code spillway <args>} in-process in a temporary home, with its own environment, capturing the output. */
final class CliRun {

    /** What one run printed and returned. */
    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out ---\n" + out + "--- err ---\n" + err;
        }
    }

    final Path home;
    final Path workingDir;
    final Map<String, String> env = new HashMap<>();
    final List<URI> browsed = new CopyOnWriteArrayList<>();
    String osName = "Linux";
    String input = "";
    Clock clock = Clock.systemUTC();

    CliRun(Path home) throws Exception {
        this.home = home;
        this.workingDir = Files.createDirectories(home.resolve("work"));
        env.put("HOME", home.toString());
        env.put("PATH", "");
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(home, workingDir, Map.copyOf(env), new PrintWriter(out, true),
                new PrintWriter(err, true), new BufferedReader(new StringReader(input)), clock, osName,
                Optional.empty(), uri -> browsed.add(uri));
        int exit = SpillwayCli.run(context, args);
        return new Result(exit, out.toString(), err.toString());
    }
}
