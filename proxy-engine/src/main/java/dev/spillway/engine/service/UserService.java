package dev.spillway.engine.service;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code spillway serve} as a per-user background service that starts at login: a systemd user unit on Linux, a
 * LaunchAgent on macOS, a Startup-folder command on Windows. Only files in the user's home are written; the service
 * manager is asked to load the service when its tool is on the {@code PATH} ({@code systemctl --user},
 * {@code launchctl}), and otherwise the next step is spelled out.
 */
public final class UserService {

    /** The service managers Spillway knows. */
    public enum Platform {
        LINUX, MAC, WINDOWS;

        public static Platform of(String osName) {
            String os = osName.toLowerCase(Locale.ROOT);
            return os.contains("mac") ? MAC : os.contains("win") ? WINDOWS : LINUX;
        }
    }

    static final String UNIT = "spillway.service";
    static final String LABEL = "dev.spillway.serve";

    private final Path home;
    private final Map<String, String> env;
    private final Platform platform;

    public UserService(Path home, Map<String, String> env, Platform platform) {
        this.home = home;
        this.env = env;
        this.platform = platform;
    }

    /** The file that defines the service. */
    public Path file() {
        return switch (platform) {
            case LINUX -> Optional.ofNullable(env.get("XDG_CONFIG_HOME")).filter(s -> !s.isBlank()).map(Path::of)
                    .orElse(home.resolve(".config")).resolve("systemd/user").resolve(UNIT);
            case MAC -> home.resolve("Library/LaunchAgents").resolve(LABEL + ".plist");
            case WINDOWS -> Optional.ofNullable(env.get("APPDATA")).map(Path::of)
                    .orElse(home.resolve("AppData/Roaming"))
                    .resolve("Microsoft/Windows/Start Menu/Programs/Startup/Spillway.cmd");
        };
    }

    public boolean installed() {
        return Files.isRegularFile(file());
    }

    /** What the service file says for {@code command} (the program and its arguments). */
    String content(List<String> command) {
        return switch (platform) {
            case LINUX -> """
                    [Unit]
                    Description=Spillway LLM gateway (spillway serve)
                    After=network-online.target

                    [Service]
                    ExecStart=%s
                    # Secrets such as SPILLWAY_MASTER_KEY=... go here, one per line, not in this unit
                    EnvironmentFile=-%%h/.config/spillway/env
                    Restart=on-failure
                    RestartSec=5

                    [Install]
                    WantedBy=default.target
                    """.formatted(command.stream().map(UserService::systemdQuote).collect(Collectors.joining(" ")));
            case MAC -> """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
                    <plist version="1.0">
                    <dict>
                      <key>Label</key>
                      <string>%s</string>
                      <key>ProgramArguments</key>
                      <array>
                    %s
                      </array>
                      <key>RunAtLoad</key>
                      <true/>
                      <key>KeepAlive</key>
                      <dict><key>SuccessfulExit</key><false/></dict>
                      <key>StandardOutPath</key>
                      <string>%s</string>
                      <key>StandardErrorPath</key>
                      <string>%s</string>
                    </dict>
                    </plist>
                    """.formatted(LABEL, command.stream().map(a -> "    <string>" + xml(a) + "</string>")
                            .collect(Collectors.joining("\n")), xml(home.resolve("Library/Logs/spillway.log").toString()),
                    xml(home.resolve("Library/Logs/spillway.log").toString()));
            case WINDOWS -> "@echo off\r\nrem Spillway: runs spillway serve at login. Remove with: spillway "
                    + "uninstall-service\r\nstart \"Spillway\" /min " + command.stream().map(UserService::cmdQuote)
                    .collect(Collectors.joining(" ")) + "\r\n";
        };
    }

    /**
     * What an install or uninstall did.
     *
     * @param lines what happened and what to do next, one line each
     * @param complete whether the service manager took the change (false: the user has a step left)
     */
    public record Report(List<String> lines, boolean complete) {
    }

    /** Writes the service file for {@code command} and loads it if the service manager's tool is at hand. */
    public Report install(List<String> command) {
        Path file = file();
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content(command), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        List<String> lines = new ArrayList<>(List.of("Wrote " + file));
        switch (platform) {
            case LINUX -> lines.addAll(runOrAdvise("systemctl", List.of(
                    List.of("--user", "daemon-reload"), List.of("--user", "enable", "--now", UNIT))));
            case MAC -> lines.addAll(runOrAdvise("launchctl", List.of(List.of("load", "-w", file.toString()))));
            case WINDOWS -> lines.add("It starts at your next login; to start it now, run: \"" + file + "\"");
        }
        return report(lines);
    }

    private static Report report(List<String> lines) {
        return new Report(lines, lines.stream().noneMatch(l -> l.startsWith("Failed") || l.contains("not available")));
    }

    /** Stops and removes the service (no lines if it was not installed). */
    public Report uninstall() {
        Path file = file();
        if (!Files.exists(file)) {
            return new Report(List.of(), true);
        }
        List<String> lines = new ArrayList<>();
        switch (platform) {
            case LINUX -> lines.addAll(runOrAdvise("systemctl", List.of(List.of("--user", "disable", "--now", UNIT))));
            case MAC -> lines.addAll(runOrAdvise("launchctl", List.of(List.of("unload", "-w", file.toString()))));
            case WINDOWS -> { }
        }
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
        if (platform == Platform.LINUX) {
            lines.addAll(runOrAdvise("systemctl", List.of(List.of("--user", "daemon-reload"))));
        }
        lines.add("Removed " + file);
        return report(lines);
    }

    /** The service manager's view: {@code active}, {@code inactive}, … or empty if it cannot be asked. */
    public Optional<String> managerState() {
        return switch (platform) {
            case LINUX -> tool("systemctl").flatMap(t -> output(t, List.of("--user", "is-active", UNIT)));
            case MAC -> tool("launchctl").flatMap(t -> output(t, List.of("list", LABEL)))
                    .map(out -> out.contains("\"PID\"") ? "running" : "loaded, not running");
            case WINDOWS -> Optional.empty();
        };
    }

    private List<String> runOrAdvise(String toolName, List<List<String>> invocations) {
        Optional<Path> tool = tool(toolName);
        List<String> lines = new ArrayList<>();
        for (List<String> args : invocations) {
            String shown = toolName + " " + String.join(" ", args);
            if (tool.isEmpty()) {
                lines.add(toolName + " is not available here; run this where it is: " + shown);
                continue;
            }
            Run result = run(tool.get(), args);
            lines.add(result.exit() == 0 ? "Ran: " + shown
                    : "Failed (" + (result.exit() < 0 ? "could not run" : "exit " + result.exit())
                            + (result.output().isEmpty() ? "" : ": " + result.output()) + "): " + shown);
        }
        return lines;
    }

    private Optional<Path> tool(String name) {
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Optional.of(Path.of(dir, name));
            }
        }
        return Optional.empty();
    }

    /** A finished tool run: its exit code (-1 if it could not run) and the first line it printed. */
    private record Run(int exit, String output) {
    }

    private static Run run(Path tool, List<String> args) {
        try {
            List<String> command = new ArrayList<>(List.of(tool.toString()));
            command.addAll(args);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Run(-1, "timed out");
            }
            return new Run(process.exitValue(), out.lines().findFirst().orElse(""));
        } catch (IOException e) {
            return new Run(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(-1, "interrupted");
        }
    }

    private static Optional<String> output(Path tool, List<String> args) {
        try {
            List<String> command = new ArrayList<>(List.of(tool.toString()));
            command.addAll(args);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            process.waitFor(30, TimeUnit.SECONDS);
            return out.isEmpty() ? Optional.empty() : Optional.of(out);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** systemd's quoting: double quotes around arguments with spaces, quotes or backslashes; {@code %} doubled. */
    static String systemdQuote(String arg) {
        String escaped = arg.replace("%", "%%");
        if (escaped.matches("[^\\s\"'\\\\]+")) {
            return escaped;
        }
        return "\"" + escaped.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String cmdQuote(String arg) {
        return arg.matches("[^\\s\"]+") ? arg : "\"" + arg.replace("\"", "\"\"") + "\"";
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
