package dev.spillway.engine.cli;

import dev.spillway.engine.service.UserService;
import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code install-service}, {@code uninstall-service} and {@code service-status}. */
final class ServiceCommands {

    private ServiceCommands() {
    }

    static UserService service(CliContext context) {
        return new UserService(context.home(), context.env(), UserService.Platform.of(context.osName()));
    }

    /** This JVM running {@code SpillwayCli serve}: the same Java and class path as the command that installs it. */
    static List<String> serveCommand(Path config, Integer port) {
        String javaCommand = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(javaCommand, "-cp", classPath, SpillwayCli.class.getName(), "serve"));
        if (config != null) {
            command.addAll(List.of("--config", config.toAbsolutePath().toString()));
        }
        if (port != null) {
            command.addAll(List.of("--port", port.toString()));
        }
        return command;
    }

    @Command(name = "install-service", mixinStandardHelpOptions = true,
            description = {"Run spillway serve in the background at login: a systemd user unit (Linux), a "
                    + "LaunchAgent (macOS) or a Startup-folder entry (Windows). Not needed with the desktop app.",
                    "Exit codes: 0 installed and started, 4 installed but the service manager could not be asked "
                            + "(the next step is printed), 1 error."})
    static final class Install implements Callable<Integer> {

        @Option(names = "--config", paramLabel = "FILE", description = "The config.yaml the service uses.")
        Path config;

        @Option(names = "--port", paramLabel = "N", description = "The port (default 47000).")
        Integer port;

        private final CliContext context;

        Install(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            if (config != null && !Files.isRegularFile(config)) {
                context.err().println("spillway: config file not found: " + config.toAbsolutePath());
                return ExitCodes.FAILED;
            }
            try {
                UserService.Report report = service(context).install(serveCommand(config, port));
                report.lines().forEach(context.out()::println);
                context.out().println("Check it: ./spillway service-status   Remove it: ./spillway uninstall-service");
                return report.complete() ? ExitCodes.OK : ExitCodes.NEEDS_ATTENTION;
            } catch (UncheckedIOException e) {
                context.err().println("spillway: " + e.getMessage());
                return ExitCodes.FAILED;
            }
        }
    }

    @Command(name = "uninstall-service", mixinStandardHelpOptions = true,
            description = {"Stop and remove the background service install-service set up.",
                    "Exit codes: 0 removed or not installed, 4 removed but the service manager could not be "
                            + "asked, 1 error."})
    static final class Uninstall implements Callable<Integer> {

        private final CliContext context;

        Uninstall(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try {
                UserService.Report report = service(context).uninstall();
                if (report.lines().isEmpty()) {
                    context.out().println("Nothing to remove: no Spillway service at " + service(context).file());
                }
                report.lines().forEach(context.out()::println);
                return report.complete() ? ExitCodes.OK : ExitCodes.NEEDS_ATTENTION;
            } catch (UncheckedIOException e) {
                context.err().println("spillway: " + e.getMessage());
                return ExitCodes.FAILED;
            }
        }
    }

    @Command(name = "service-status", mixinStandardHelpOptions = true,
            description = {"Show whether the background service is installed and running.",
                    "Exit codes: 0 installed, 4 not installed."})
    static final class Status implements Callable<Integer> {

        private final CliContext context;

        Status(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            UserService service = service(context);
            if (!service.installed()) {
                context.out().println("Not installed (" + service.file() + " does not exist); install it with "
                        + "./spillway install-service");
                return ExitCodes.NEEDS_ATTENTION;
            }
            context.out().println("Installed: " + service.file());
            context.out().println("Service manager: " + service.managerState().orElse("unknown (cannot ask it here)"));
            return ExitCodes.OK;
        }
    }
}
