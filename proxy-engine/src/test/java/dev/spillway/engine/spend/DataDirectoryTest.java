package dev.spillway.engine.spend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    private final Path home = Path.of("/home/ada");

    @Test
    void linuxUsesLocalShare() {
        assertThat(SpendStore.defaultDataDirectory("Linux", Map.of(), home))
                .isEqualTo(Path.of("/home/ada/.local/share/spillway"));
    }

    @Test
    void linuxHonoursXdgDataHome() {
        assertThat(SpendStore.defaultDataDirectory("Linux", Map.of("XDG_DATA_HOME", "/data/ada"), home))
                .isEqualTo(Path.of("/data/ada/spillway"));
    }

    @Test
    void aRelativeXdgDataHomeIsIgnored() {
        assertThat(SpendStore.defaultDataDirectory("Linux", Map.of("XDG_DATA_HOME", "rel/data"), home))
                .isEqualTo(Path.of("/home/ada/.local/share/spillway"));
    }

    @Test
    void macOsUsesApplicationSupport() {
        assertThat(SpendStore.defaultDataDirectory("Mac OS X", Map.of(), home))
                .isEqualTo(Path.of("/home/ada/Library/Application Support/Spillway"));
    }

    @Test
    void windowsUsesAppData() {
        assertThat(SpendStore.defaultDataDirectory("Windows 11", Map.of("APPDATA", "/appdata/roaming"), home))
                .isEqualTo(Path.of("/appdata/roaming/Spillway"));
        assertThat(SpendStore.defaultDataDirectory("Windows 11", Map.of(), home))
                .isEqualTo(Path.of("/home/ada/AppData/Roaming/Spillway"));
    }

    @Test
    void theDataDirectoryIsCreatedOwnerOnly(@TempDir Path tmp) throws Exception {
        assumeTrue(DataDirectory.isPosix());
        Path dir = tmp.resolve("share").resolve("spillway");

        String url = SpendStore.defaultJdbcUrl(dir);

        assertThat(dir).isDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(url).startsWith("jdbc:h2:file:" + dir.resolve("spillway")).contains("AUTO_SERVER=FALSE");
    }

    @Test
    void anExistingDataDirectoryIsMadeOwnerOnly(@TempDir Path tmp) throws Exception {
        assumeTrue(DataDirectory.isPosix());
        Path dir = Files.createDirectory(tmp.resolve("spillway"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        SpendStore.defaultJdbcUrl(dir);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    }
}
