package dev.spillway.app;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An X server of the test's own (Xvfb, on the first free display number, which it reports itself through
 * {@code -displayfd}) with a system-tray host on it (trayer, docked at the top right). Closing it stops both, and so
 * does the end of the JVM if a test never gets to close it.
 */
final class VirtualDesktop implements AutoCloseable {

    static final List<String> TOOLS = List.of("Xvfb", "trayer");

    private final Process xServer;
    private final Process trayHost;
    private final String display;
    private final Thread stopAtExit = new Thread(this::stop, "virtual-desktop-stop");

    private VirtualDesktop(Process xServer, Process trayHost, String display) {
        this.xServer = xServer;
        this.trayHost = trayHost;
        this.display = display;
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /** The tools this machine lacks (of {@link #TOOLS}), by a look along PATH. */
    static List<String> missingTools() {
        String[] path = System.getenv().getOrDefault("PATH", "").split(File.pathSeparator);
        return TOOLS.stream()
                .filter(tool -> List.of(path).stream().noneMatch(dir -> Files.isExecutable(Path.of(dir, tool))))
                .toList();
    }

    /** Starts the X server and the tray host; their output goes to {@code logs}. */
    static VirtualDesktop start(Path logs) throws IOException {
        Path xLog = logs.resolve("xvfb.log");
        Process xServer = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "640x480x24",
                "-nolisten", "tcp").redirectError(xLog.toFile()).start();
        try {
            String display = ":" + displayNumber(xServer, xLog);
            ProcessBuilder tray = new ProcessBuilder("trayer", "--edge", "top", "--align", "right",
                    "--widthtype", "request", "--height", "24")
                    .redirectErrorStream(true).redirectOutput(logs.resolve("trayer.log").toFile());
            tray.environment().put("DISPLAY", display);
            return new VirtualDesktop(xServer, tray.start(), display);
        } catch (IOException | RuntimeException e) {
            xServer.destroyForcibly();
            throw e;
        }
    }

    /** Xvfb writes its display number on the descriptor given to {@code -displayfd} once it accepts clients. */
    private static String displayNumber(Process xServer, Path xLog) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(xServer.getInputStream(),
                StandardCharsets.US_ASCII));
        try {
            String number = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    return null;
                }
            }).get(20, TimeUnit.SECONDS);
            if (number == null || !number.strip().matches("\\d+")) {
                throw new IOException("Xvfb did not start: " + Files.readString(xLog));
            }
            return number.strip();
        } catch (TimeoutException | ExecutionException e) {
            throw new IOException("Xvfb gave no display number within 20 s: " + Files.readString(xLog), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while Xvfb started", e);
        }
    }

    /** The value for DISPLAY, e.g. {@code :1}. */
    String display() {
        return display;
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down, and the hook has run or will run
        }
    }

    private void stop() {
        end(trayHost);
        end(xServer);
    }

    private static void end(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
