package dev.spillway.engine.autostart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {

    @TempDir
    Path dir;

    @Test
    void theJpackageLauncherWins() {
        Launcher launcher = Launcher.resolve("/opt/spillway/bin/Spillway", Optional.of(dir));

        assertThat(launcher.executable()).contains(Path.of("/opt/spillway/bin/Spillway"));
    }

    @Test
    void fromACheckoutItIsTheSpillwayScriptAboveTheCode() throws Exception {
        Path script = Files.writeString(dir.resolve("spillway"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("pom.xml"), "<project/>");
        Path classes = Files.createDirectories(dir.resolve("proxy-engine/target/classes"));

        assertThat(Launcher.resolve(null, Optional.of(classes)).executable()).contains(script);
    }

    @Test
    void unknownWhenNeitherIsThere() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("lib"));

        assertThat(Launcher.resolve("", Optional.of(classes)).executable()).isEmpty();
        assertThat(Launcher.resolve(null, Optional.empty()).executable()).isEmpty();
    }

    @Test
    void thisBuildRunsFromACheckoutWithASpillwayScript() {
        assertThat(Launcher.current().executable()).hasValueSatisfying(script -> {
            assertThat(script.getFileName()).hasToString("spillway");
            assertThat(script.resolveSibling("proxy-engine")).isDirectory();
        });
    }
}
