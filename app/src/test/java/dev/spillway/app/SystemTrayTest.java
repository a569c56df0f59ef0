package dev.spillway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real AWT tray icon: {@link SystemTrayScenarios} on an X server of the test's own (Xvfb) with a real tray host
 * (trayer). They run in a JVM of their own, because AWT picks its display from DISPLAY once, when it starts, and this
 * JVM, like the other tests, runs headless. JavaFX there runs on Monocle, as here. Without Xvfb or trayer, skipped.
 */
class SystemTrayTest {

    private static final List<String> JAVAFX_HEADLESS = List.of("-Dglass.platform=Monocle",
            "-Dmonocle.platform=Headless", "-Dprism.order=sw", "-Dprism.text=t2k");

    @TempDir
    Path dir;

    @Test
    void theTrayIconAndItsMenuWorkOnARealTray() throws Exception {
        List<String> missing = VirtualDesktop.missingTools();
        assumeTrue(missing.isEmpty(), () -> "no real tray to test on: " + String.join(" and ", missing)
                + " not on PATH (apt-get install xvfb trayer)");

        try (VirtualDesktop desktop = VirtualDesktop.start(dir)) {
            OwnJvm.Outcome outcome = OwnJvm.run(SystemTrayScenarios.class, Map.of("DISPLAY", desktop.display()),
                    JAVAFX_HEADLESS, dir, Duration.ofMinutes(2));

            System.out.println(outcome.output());
            assertThat(outcome.exitCode()).as("scenarios in their own JVM on DISPLAY=%s:%n%s", desktop.display(),
                    outcome.output()).isZero();
        }
    }
}
