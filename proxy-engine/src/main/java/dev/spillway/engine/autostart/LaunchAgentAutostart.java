package dev.spillway.engine.autostart;

import dev.spillway.engine.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * macOS: {@code ~/Library/LaunchAgents/dev.spillway.Spillway.plist}, which launchd reads at the next login and runs
 * in the user's GUI session. A .dmg has no uninstaller (the app goes to the Trash), so the agent cleans up after
 * itself: it starts the app through {@code /bin/sh}, which removes the plist instead once the app is gone.
 */
final class LaunchAgentAutostart implements Autostart {

    static final String LABEL = "dev.spillway.Spillway";
    /** The app's bundle identifier: installers/build.sh's {@code --mac-package-identifier}. */
    static final String BUNDLE_IDENTIFIER = "dev.spillway.Spillway";
    /**
     * Run as {@code sh -c START_OR_REMOVE LABEL <app> <plist>}: paths arrive as $1 and $2, never parsed by the shell.
     * No unload: the job has no KeepAlive, so it does not run again this session, and with its plist gone launchd
     * does not load it at the next login.
     */
    static final String START_OR_REMOVE = "if [ -e \"$1\" ]; then exec \"$1\"; fi; rm -f \"$2\"";

    private final Path plist;
    private final Launcher launcher;

    LaunchAgentAutostart(Path home, Launcher launcher) {
        this.plist = home.resolve("Library").resolve("LaunchAgents").resolve(LABEL + ".plist");
        this.launcher = launcher;
    }

    Path plist() {
        return plist;
    }

    @Override
    public void enable() throws IOException {
        byte[] content = propertyList(launcher.require(), plist).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(plist, content, AtomicFiles.Access.AS_BEFORE);
    }

    @Override
    public void disable() throws IOException {
        Files.deleteIfExists(plist);
    }

    @Override
    public boolean isEnabled() {
        return Files.isRegularFile(plist);
    }

    @Override
    public String describe() {
        return "LaunchAgent " + plist;
    }

    /**
     * The agent's plist. {@code AssociatedBundleIdentifiers} lets macOS 13+ list the login item under the app's name
     * rather than "sh".
     */
    static String propertyList(Path executable, Path plist) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
                <plist version="1.0">
                <dict>
                  <key>Label</key>
                  <string>%s</string>
                  <key>ProgramArguments</key>
                  <array>
                    <string>/bin/sh</string>
                    <string>-c</string>
                    <string>%s</string>
                    <string>%s</string>
                    <string>%s</string>
                    <string>%s</string>
                  </array>
                  <key>AssociatedBundleIdentifiers</key>
                  <array>
                    <string>%s</string>
                  </array>
                  <key>RunAtLoad</key>
                  <true/>
                  <key>ProcessType</key>
                  <string>Interactive</string>
                  <key>LimitLoadToSessionType</key>
                  <string>Aqua</string>
                </dict>
                </plist>
                """.formatted(LABEL, xml(START_OR_REMOVE), LABEL, xml(executable.toString()),
                xml(plist.toAbsolutePath().toString()), BUNDLE_IDENTIFIER);
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
