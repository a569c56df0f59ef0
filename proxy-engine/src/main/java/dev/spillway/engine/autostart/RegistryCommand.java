package dev.spillway.engine.autostart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Windows' {@code reg.exe} with some arguments. */
@FunctionalInterface
interface RegistryCommand {

    RegistryCommand REG_EXE = arguments -> {
        List<String> command = new ArrayList<>();
        command.add("reg.exe");
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("reg.exe did not finish within 30 s");
            }
            return new Result(process.exitValue(), output.strip());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while running reg.exe", e);
        }
    };

    Result run(List<String> arguments) throws IOException;

    record Result(int exitCode, String output) {
    }
}
