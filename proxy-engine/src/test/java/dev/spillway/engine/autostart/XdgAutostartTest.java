package dev.spillway.engine.autostart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XdgAutostartTest {

    @TempDir
    Path home;

    private Path launcher() throws Exception {
        Path launcher = home.resolve("opt/spillway/bin/Spillway");
        Files.createDirectories(launcher.getParent());
        Files.writeString(launcher, "#!/bin/sh\n");
        return launcher;
    }

    @Test
    void enableWritesAnEntryThatStartsTheLauncherAndDisableRemovesIt() throws Exception {
        Path launcher = launcher();
        Autostart autostart = Autostart.forPlatform("Linux", home, Map.of(), Launcher.at(launcher));
        Path entry = home.resolve(".config/autostart/spillway.desktop");
        assertThat(autostart.isEnabled()).isFalse();

        autostart.enable();

        assertThat(autostart.isEnabled()).isTrue();
        assertThat(Files.readAllLines(entry)).contains("[Desktop Entry]", "Type=Application", "Name=Spillway",
                "Exec=\"" + launcher + "\"", "TryExec=" + launcher, "X-GNOME-Autostart-enabled=true");
        assertThat(autostart.describe()).isEqualTo("XDG autostart entry " + entry);

        autostart.disable();

        assertThat(entry).doesNotExist();
        assertThat(autostart.isEnabled()).isFalse();
        autostart.disable();
    }

    @Test
    void enablingTwiceLeavesOneUpToDateEntry() throws Exception {
        Path autostartDir = home.resolve(".config/autostart");
        new XdgAutostart(home.resolve(".config"), Launcher.at(home.resolve("old/Spillway"))).enable();
        Path launcher = launcher();

        new XdgAutostart(home.resolve(".config"), Launcher.at(launcher)).enable();

        try (var files = Files.list(autostartDir)) {
            assertThat(files).containsExactly(autostartDir.resolve("spillway.desktop"));
        }
        assertThat(Files.readString(autostartDir.resolve("spillway.desktop"))).contains("TryExec=" + launcher)
                .doesNotContain("old");
    }

    @Test
    void followsXdgConfigHomeWhenItIsAnAbsolutePath() throws Exception {
        Path config = home.resolve("elsewhere");
        Autostart autostart = Autostart.forPlatform("Linux", home, Map.of("XDG_CONFIG_HOME", config.toString()),
                Launcher.at(launcher()));

        autostart.enable();

        assertThat(config.resolve("autostart/spillway.desktop")).isRegularFile();
        assertThat(XdgAutostart.configHome(home, Map.of("XDG_CONFIG_HOME", "relative/dir")))
                .as("the spec says to ignore a relative path").isEqualTo(home.resolve(".config"));
    }

    @Test
    void usesTheIconTheInstallerShipsBesideTheLauncher() throws Exception {
        Path launcher = launcher();
        Path icon = launcher.getParent().getParent().resolve("lib/app/spillway.png");
        Files.createDirectories(icon.getParent());
        Files.write(icon, new byte[] {1});

        assertThat(XdgAutostart.desktopEntry(launcher)).contains("\nIcon=" + icon + "\n");
    }

    @Test
    void anEntrySwitchedOffByTheDesktopCountsAsDisabled() throws Exception {
        XdgAutostart autostart = new XdgAutostart(home.resolve(".config"), Launcher.at(launcher()));
        autostart.enable();

        Files.writeString(autostart.entry(), Files.readString(autostart.entry()) + "Hidden=true\n");

        assertThat(autostart.isEnabled()).isFalse();
    }

    @Test
    void quotesLauncherPathsWithSpacesAndSpecialCharactersAsTheDesktopEntrySpecAsks() {
        assertThat(XdgAutostart.execValue("/home/ada/My Apps/spillway")).isEqualTo("\"/home/ada/My Apps/spillway\"");
        assertThat(XdgAutostart.execValue("/opt/a$b`c\"d%e")).isEqualTo("\"/opt/a\\\\$b\\\\`c\\\\\"d%%e\"");
        assertThat(XdgAutostart.execValue("/opt/back\\slash")).isEqualTo("\"/opt/back\\\\\\\\slash\"");
    }

    @Test
    void enablingWithoutAKnownLauncherSaysSoAndWritesNothing() {
        Autostart autostart = Autostart.forPlatform("Linux", home, Map.of(), Launcher.unknown());

        assertThatThrownBy(autostart::enable).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot tell where the Spillway launcher is");
        assertThat(home.resolve(".config/autostart/spillway.desktop")).doesNotExist();
    }
}
