package dev.spillway.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** install-service, service-status and uninstall-service write the user's service files. */
class ServiceCommandsTest {

    @TempDir
    Path home;

    private static final String JAVA = "java";

    /** A stand-in for systemctl, which cannot run in this container: it logs its arguments. */
    private Path fakeSystemctl(Path bin, String isActive) throws Exception {
        return fakeSystemctl(bin, isActive, 0);
    }

    private Path fakeSystemctl(Path bin, String isActive, int exit) throws Exception {
        Files.createDirectories(bin);
        Path script = bin.resolve("systemctl");
        Files.writeString(script, "#!/bin/sh\necho \"$@\" >> \"" + bin.resolve("calls.log") + "\"\n"
                + "if [ \"$2\" = is-active ]; then echo " + isActive + "; fi\n"
                + (exit == 0 ? "" : "echo 'Failed to connect to bus: No medium found' >&2\nexit " + exit + "\n"));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin.resolve("calls.log");
    }

    @Test
    void withoutSystemctlTheUnitIsWrittenAndTheNextStepSpelledOut() throws Exception {
        CliRun cli = new CliRun(home);
        Path config = Files.writeString(home.resolve("my config.yaml"), "model_list: []\n");

        CliRun.Result installed = cli.run("install-service", "--config", config.toString(), "--port", "47001");

        assertThat(installed.exitCode()).as(installed.toString()).isEqualTo(ExitCodes.NEEDS_ATTENTION);
        Path unit = home.resolve(".config/systemd/user/spillway.service");
        String text = Files.readString(unit);
        assertThat(text).contains("dev.spillway.engine.cli.SpillwayCli serve --config \"" + config + "\" --port 47001")
                .contains("WantedBy=default.target").contains("EnvironmentFile=-%h/.config/spillway/env");
        assertThat(installed.out()).contains("Wrote " + unit)
                .contains("systemctl is not available here; run this where it is: systemctl --user enable --now "
                        + "spillway.service");

        CliRun.Result status = cli.run("service-status");
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("Installed: " + unit).contains("unknown (cannot ask it here)");

        CliRun.Result removed = cli.run("uninstall-service");
        assertThat(removed.out()).contains("Removed " + unit);
        assertThat(removed.exitCode()).isEqualTo(ExitCodes.NEEDS_ATTENTION);
        assertThat(unit).doesNotExist();
        CliRun.Result gone = cli.run("service-status");
        assertThat(gone.exitCode()).isEqualTo(ExitCodes.NEEDS_ATTENTION);
        assertThat(gone.out()).contains("Not installed");
        assertThat(cli.run("uninstall-service").out()).contains("Nothing to remove");
    }

    @Test
    void withSystemctlTheUnitIsEnabledAndStarted() throws Exception {
        Path bin = home.resolve("bin");
        Path calls = fakeSystemctl(bin, "active");
        CliRun cli = new CliRun(home);
        cli.env.put("PATH", bin.toString());

        CliRun.Result installed = cli.run("install-service");

        assertThat(installed.exitCode()).as(installed.toString()).isZero();
        assertThat(installed.out()).contains("Ran: systemctl --user daemon-reload")
                .contains("Ran: systemctl --user enable --now spillway.service");
        assertThat(cli.run("service-status").out()).contains("Service manager: active");
        cli.run("uninstall-service");
        assertThat(Files.readAllLines(calls)).containsExactly("--user daemon-reload",
                "--user enable --now spillway.service", "--user is-active spillway.service",
                "--user disable --now spillway.service", "--user daemon-reload");
    }

    @Test
    void aSystemctlThatFailsIsQuotedWithExitCodeFour() throws Exception {
        Path bin = home.resolve("bin");
        fakeSystemctl(bin, "unknown", 1);
        CliRun cli = new CliRun(home);
        cli.env.put("PATH", bin.toString());

        CliRun.Result installed = cli.run("install-service");

        assertThat(installed.exitCode()).isEqualTo(ExitCodes.NEEDS_ATTENTION);
        assertThat(installed.out()).contains("Failed (exit 1: Failed to connect to bus: No medium found): "
                + "systemctl --user enable --now spillway.service");
        assertThat(home.resolve(".config/systemd/user/spillway.service")).exists();
    }

    @Test
    void onMacOsALaunchAgentIsWritten() throws Exception {
        CliRun cli = new CliRun(home);
        cli.osName = "Mac OS X";

        CliRun.Result installed = cli.run("install-service");

        assertThat(installed.exitCode()).as("launchctl is not here").isEqualTo(ExitCodes.NEEDS_ATTENTION);
        Path plist = home.resolve("Library/LaunchAgents/dev.spillway.serve.plist");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(plist)));
        assertThat(doc.getDocumentElement().getTextContent()).contains("dev.spillway.serve")
                .contains("dev.spillway.engine.cli.SpillwayCli").contains("serve").contains(JAVA);
        assertThat(installed.out()).contains("launchctl load -w " + plist);
    }

    @Test
    void onWindowsAStartupEntryIsWritten() throws Exception {
        CliRun cli = new CliRun(home);
        cli.osName = "Windows 11";
        cli.env.put("APPDATA", home.resolve("AppData/Roaming").toString());

        assertThat(cli.run("install-service").exitCode()).isZero();

        Path cmd = home.resolve("AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Startup/Spillway.cmd");
        assertThat(Files.readString(cmd)).startsWith("@echo off\r\n").contains("SpillwayCli serve\r\n");
    }
}
