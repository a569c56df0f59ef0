package dev.spillway.engine.e2e;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real Claude Code CLI ({@code npm @anthropic-ai/claude-code}), found on the PATH or in {@code tools/claude-code}
 * of the repository, where it is installed with npm on first use.
 */
final class ClaudeCodeCli {

    static final String VERSION = "2.1.330";

    private final Path executable;

    private ClaudeCodeCli(Path executable) {
        this.executable = executable;
    }

    /** The CLI, installing it if npm is available; empty if it cannot be had on this machine. */
    static Optional<ClaudeCodeCli> locate() throws IOException, InterruptedException {
        Path repo = Path.of("").toAbsolutePath().getParent();
        Path local = repo.resolve("tools/claude-code/node_modules/.bin/claude");
        if (Files.isExecutable(local)) {
            return Optional.of(new ClaudeCodeCli(local));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "claude");
            if (Files.isExecutable(candidate)) {
                return Optional.of(new ClaudeCodeCli(candidate));
            }
        }
        if (!onPath("npm")) {
            return Optional.empty();
        }
        // Not inheritIO: a surefire fork's stdin and stdout are its channel to Maven, and npm must not touch them.
        Path log = Files.createTempFile("npm-claude-code", ".log");
        Process install = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error",
                "--prefix", repo.resolve("tools/claude-code").toString(), "@anthropic-ai/claude-code@" + VERSION)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        install.getOutputStream().close();
        if (!install.waitFor(5, TimeUnit.MINUTES) || install.exitValue() != 0 || !Files.isExecutable(local)) {
            install.destroyForcibly();
            System.err.println("npm could not install Claude Code:\n" + Files.readString(log));
            return Optional.empty();
        }
        return Optional.of(new ClaudeCodeCli(local));
    }

    /** The {@code claude} executable. */
    Path executable() {
        return executable;
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /** What one run printed. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    /**
     * Runs {@code claude -p prompt} against {@code baseUrl} with an isolated home directory, so nothing of the
     * developer's own Claude Code setup takes part.
     */
    Result print(String prompt, URI baseUrl, Map<String, String> credentials, Path home, Duration timeout)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "-p", prompt));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("ANTHROPIC_") || k.startsWith("CLAUDE_") || k.startsWith("AWS_"));
        env.put("HOME", home.toString());
        env.put("CLAUDE_CONFIG_DIR", home.resolve(".claude").toString());
        env.put("ANTHROPIC_BASE_URL", baseUrl.toString());
        env.put("DISABLE_TELEMETRY", "1");
        env.put("DISABLE_ERROR_REPORTING", "1");
        env.put("DISABLE_AUTOUPDATER", "1");
        env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        env.putAll(credentials);
        Path out = home.resolve("claude.out");
        Path err = home.resolve("claude.err");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("claude -p did not finish within " + timeout.toSeconds() + " s; stderr: "
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
