package dev.spillway.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrowserOpenerTest {

    private static final URI PAGE = URI.create("https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH");

    @TempDir
    Path bin;

    @Test
    void eachDesktopHasItsOpener() throws Exception {
        Path xdgOpen = Files.writeString(bin.resolve("xdg-open"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(xdgOpen, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThat(new BrowserOpener(Map.of("PATH", bin.toString(), "DISPLAY", ":0"), "Linux").command(PAGE))
                .contains(List.of(xdgOpen.toString(), PAGE.toString()));
        assertThat(new BrowserOpener(Map.of(), "Mac OS X").command(PAGE)).contains(List.of("open", PAGE.toString()));
        assertThat(new BrowserOpener(Map.of(), "Windows 11").command(PAGE))
                .contains(List.of("rundll32", "url.dll,FileProtocolHandler", PAGE.toString()));
    }

    @Test
    void aServerWithoutADisplayPrintsTheUrlInstead() throws Exception {
        Path xdgOpen = Files.writeString(bin.resolve("xdg-open"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(xdgOpen, PosixFilePermissions.fromString("rwxr-xr-x"));

        BrowserOpener headless = new BrowserOpener(Map.of("PATH", bin.toString()), "Linux");

        assertThat(headless.command(PAGE)).isEmpty();
        assertThat(headless.test(PAGE)).isFalse();
        assertThat(new BrowserOpener(Map.of("DISPLAY", ":0", "PATH", ""), "Linux").command(PAGE)).isEmpty();
    }
}
