package dev.spillway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SingleInstanceTest {

    @TempDir
    Path dir;

    /** A second launch, as its own JVM: prints what {@link SingleInstance#acquire} decided. */
    public static final class SecondLaunch {
        public static void main(String[] args) throws IOException {
            Optional<SingleInstance> instance = SingleInstance.acquire(Path.of(args[0]), () -> { });
            System.out.println(instance.isPresent() ? "first" : "forwarded");
            if (instance.isPresent()) {
                instance.get().close();
            }
        }
    }

    private String launchAnotherProcess() throws Exception {
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SecondLaunch.class.getName(), dir.toString()))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().reduce((a, b) -> b).orElse("");
    }

    @Test
    void aSecondLaunchBringsTheFirstForwardAndGoesAway() throws Exception {
        CountDownLatch shown = new CountDownLatch(1);
        try (SingleInstance first = SingleInstance.acquire(dir, shown::countDown).orElseThrow()) {
            assertThat(launchAnotherProcess()).isEqualTo("forwarded");
            assertThat(shown.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    dir.resolve(SingleInstance.PORT_FILE)))).isEqualTo("rw-------");
        }
        assertThat(launchAnotherProcess()).as("once the first quits, the next launch is the one").isEqualTo("first");
    }

    @Test
    void aRequestWithoutTheTokenIsIgnored() throws Exception {
        CountDownLatch shown = new CountDownLatch(1);
        try (SingleInstance first = SingleInstance.acquire(dir, shown::countDown).orElseThrow()) {
            int port = Integer.parseInt(Files.readString(dir.resolve(SingleInstance.PORT_FILE)).split(" ")[0]);
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                socket.getOutputStream().write("wrong-token show\n".getBytes(StandardCharsets.UTF_8));
                socket.shutdownOutput();
                assertThat(socket.getInputStream().readAllBytes()).isEmpty();
            }
            assertThat(shown.getCount()).isEqualTo(1);
        }
    }

    @Test
    void withinOneProcessTheSecondAcquireAlsoForwards() throws Exception {
        CountDownLatch shown = new CountDownLatch(1);
        try (SingleInstance first = SingleInstance.acquire(dir, shown::countDown).orElseThrow()) {
            assertThat(SingleInstance.acquire(dir, () -> { })).isEmpty();
            assertThat(shown.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
