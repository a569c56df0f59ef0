package dev.spillway.engine.autostart;

import dev.spillway.engine.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * macOS: {@code ~/Library/LaunchAgents/dev.spillway.Spillway.plist}, which launchd reads at the next login and runs
 * in the user's GUI session.
 */
final class LaunchAgentAutostart implements Autostart {

    static final String LABEL = "dev.spillway.Spillway";

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
        byte[] content = propertyList(launcher.require()).getBytes(StandardCharsets.UTF_8);
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

    static String propertyList(Path executable) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
                <plist version="1.0">
                <dict>
                  <key>Label</key>
                  <string>%s</string>
                  <key>ProgramArguments</key>
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
                """.formatted(LABEL, xml(executable.toString()));
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
