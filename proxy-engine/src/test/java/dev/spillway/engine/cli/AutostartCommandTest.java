package dev.spillway.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.engine.autostart.Autostart;
import dev.spillway.engine.autostart.Launcher;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AutostartCommandTest {

    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int spillway(Autostart autostart, String... args) {
        CommandLine cli = new CommandLine(new AutostartCommand(() -> autostart));
        cli.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void enableStatusDisableStatus() {
        Autostart autostart = Autostart.forPlatform("Linux", home, Map.of(), Launcher.at(home.resolve("bin/spillway")));
        Path entry = home.resolve(".config/autostart/spillway.desktop");

        assertThat(spillway(autostart, "status")).isEqualTo(3);
        assertThat(spillway(autostart, "enable")).isZero();
        assertThat(entry).isRegularFile();
        assertThat(spillway(autostart, "status")).isZero();
        assertThat(spillway(autostart, "disable")).isZero();
        assertThat(entry).doesNotExist();

        assertThat(out.toString()).isEqualToNormalizingNewlines("""
                Autostart is disabled: no XDG autostart entry %1$s
                Autostart enabled: XDG autostart entry %1$s
                Autostart is enabled: XDG autostart entry %1$s
                Autostart disabled: no XDG autostart entry %1$s
                """.formatted(entry));
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aFailureIsOneClearLineAndExitCodeOne() {
        Autostart autostart = Autostart.forPlatform("Linux", home, Map.of(), Launcher.unknown());

        assertThat(spillway(autostart, "enable")).isEqualTo(1);
        assertThat(err.toString()).startsWith("spillway: could not enable autostart: cannot tell where the Spillway "
                + "launcher is").doesNotContain("Exception");
    }

    @Test
    void theRealCommandLineWritesTheEntryForThisCheckoutsLauncher() throws Exception {
        Path config = home.resolve("xdg-config");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SpillwayCli.class.getName(), "autostart", "enable"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HOME", home.toString());
        builder.environment().put("XDG_CONFIG_HOME", config.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        Path entry = config.resolve("autostart/spillway.desktop");
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("Autostart enabled: XDG autostart entry " + entry);
        Path script = Launcher.current().executable().orElseThrow();
        assertThat(Files.readAllLines(entry)).contains("TryExec=" + script);
    }
}
