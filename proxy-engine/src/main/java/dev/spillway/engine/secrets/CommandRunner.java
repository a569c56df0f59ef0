package dev.spillway.engine.secrets;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an OS credential tool, feeding secrets through standard input so they never appear in a command line. */
interface CommandRunner {

    record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "Result[exit=" + exitCode + "]";
        }
    }

    Result run(List<String> command, String stdin);

    static CommandRunner system() {
        return (command, stdin) -> {
            try {
                Process process = new ProcessBuilder(command).start();
                try (OutputStream in = process.getOutputStream()) {
                    if (stdin != null) {
                        in.write(stdin.getBytes(StandardCharsets.UTF_8));
                    }
                }
                byte[] out = process.getInputStream().readAllBytes();
                byte[] err = process.getErrorStream().readAllBytes();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new SecretStoreException(command.get(0) + " did not answer within 30 s");
                }
                return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                        new String(err, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new SecretStoreException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SecretStoreException("interrupted while running " + command.get(0), e);
            }
        };
    }
}
