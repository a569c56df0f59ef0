package dev.spillway.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the config lives; the data folder's counterpart is DataDirectoryTest. */
class UserConfigLocationTest {

    private final Path home = Path.of("/home/ada");

    @Test
    void linuxUsesXdgConfigHomeWhenAbsoluteElseDotConfig() {
        assertThat(UserConfigLocation.forUser("Linux", Map.of(), home).file())
                .isEqualTo(Path.of("/home/ada/.config/spillway/config.yaml"));
        assertThat(UserConfigLocation.forUser("Linux", Map.of("XDG_CONFIG_HOME", "/cfg/ada"), home).directory())
                .isEqualTo(Path.of("/cfg/ada/spillway"));
        assertThat(UserConfigLocation.forUser("Linux", Map.of("XDG_CONFIG_HOME", "rel/cfg"), home).directory())
                .isEqualTo(Path.of("/home/ada/.config/spillway"));
    }

    @Test
    void macOsAndWindowsUseTheirApplicationFolders() {
        assertThat(UserConfigLocation.forUser("Mac OS X", Map.of(), home).directory())
                .isEqualTo(Path.of("/home/ada/Library/Application Support/Spillway"));
        assertThat(UserConfigLocation.forUser("Windows 11", Map.of("APPDATA", "/appdata/roaming"), home).directory())
                .isEqualTo(Path.of("/appdata/roaming/Spillway"));
    }
}
