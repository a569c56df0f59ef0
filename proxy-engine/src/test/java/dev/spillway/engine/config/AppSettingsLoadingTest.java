package dev.spillway.engine.config;

import static dev.spillway.engine.config.TestConfigs.errorOf;
import static dev.spillway.engine.config.TestConfigs.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AppSettingsLoadingTest {

    @Test
    void spillwaysOwnSectionIsReadWithoutWarnings() {
        SpillwayConfig config = parse(TestConfigs.MINIMAL + """
                spillway_settings: {port: 47001, host: 0.0.0.0, notifications: false}
                """);

        assertThat(config.app()).isEqualTo(new AppSettings(Optional.of(47001), Optional.of("0.0.0.0"), false));
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void withoutItNotificationsAreOnAndPortAndHostAreLeftToTheCaller() {
        assertThat(parse(TestConfigs.MINIMAL).app()).isEqualTo(AppSettings.defaults());
        assertThat(AppSettings.defaults().notifications()).isTrue();
    }

    @Test
    void badValuesNameTheirKey() {
        assertThat(errorOf(TestConfigs.MINIMAL + "spillway_settings: {port: 70000}\n"))
                .contains("spillway_settings.port").contains("0 to 65535");
        assertThat(errorOf(TestConfigs.MINIMAL + "spillway_settings: {notifications: maybe}\n"))
                .contains("spillway_settings.notifications");
        assertThat(parse(TestConfigs.MINIMAL + "spillway_settings: {colour: blue}\n").warnings())
                .anySatisfy(w -> assertThat(w).contains("spillway_settings.colour").contains("unknown key"));
    }

    @Test
    void theUsersConfigLivesInTheOsConfigFolder() {
        Path home = Path.of("/home/ada");
        assertThat(UserConfigLocation.forUser("Linux", Map.of(), home).file())
                .isEqualTo(Path.of("/home/ada/.config/spillway/config.yaml"));
        assertThat(UserConfigLocation.forUser("Linux", Map.of("XDG_CONFIG_HOME", "/cfg"), home).file())
                .isEqualTo(Path.of("/cfg/spillway/config.yaml"));
        assertThat(UserConfigLocation.forUser("Linux", Map.of("XDG_CONFIG_HOME", "relative"), home).directory())
                .isEqualTo(Path.of("/home/ada/.config/spillway"));
        assertThat(UserConfigLocation.forUser("Mac OS X", Map.of(), home).file())
                .isEqualTo(Path.of("/home/ada/Library/Application Support/Spillway/config.yaml"));
        assertThat(UserConfigLocation.forUser("Windows 11", Map.of("APPDATA", "/appdata"), home).file())
                .isEqualTo(Path.of("/appdata/Spillway/config.yaml"));
    }
}
