package dev.spillway.engine.autostart;

import dev.spillway.engine.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Linux (and other XDG desktops): {@code $XDG_CONFIG_HOME/autostart/spillway.desktop}. The entry carries
 * {@code TryExec}, so desktops skip it once the launcher is gone (uninstalled without cleaning up).
 */
final class XdgAutostart implements Autostart {

    static final String FILE_NAME = "spillway.desktop";

    private final Path entry;
    private final Launcher launcher;

    XdgAutostart(Path configHome, Launcher launcher) {
        this.entry = configHome.resolve("autostart").resolve(FILE_NAME);
        this.launcher = launcher;
    }

    /** {@code $XDG_CONFIG_HOME} when it is set to an absolute path (as the spec asks), else {@code ~/.config}. */
    static Path configHome(Path home, Map<String, String> env) {
        String configured = env.get("XDG_CONFIG_HOME");
        if (configured != null && !configured.isBlank() && Path.of(configured).isAbsolute()) {
            return Path.of(configured);
        }
        return home.resolve(".config");
    }

    Path entry() {
        return entry;
    }

    @Override
    public void enable() throws IOException {
        byte[] content = desktopEntry(launcher.require()).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(entry, content, AtomicFiles.Access.AS_BEFORE);
    }

    @Override
    public void disable() throws IOException {
        Files.deleteIfExists(entry);
    }

    /** Enabled when the entry exists and is not switched off by the keys desktops use for that. */
    @Override
    public boolean isEnabled() throws IOException {
        if (!Files.isRegularFile(entry)) {
            return false;
        }
        List<String> lines = Files.readAllLines(entry);
        return lines.stream().map(String::strip)
                .noneMatch(line -> line.equals("Hidden=true") || line.equals("X-GNOME-Autostart-enabled=false"));
    }

    @Override
    public String describe() {
        return "XDG autostart entry " + entry;
    }

    static String desktopEntry(Path executable) {
        StringBuilder text = new StringBuilder()
                .append("[Desktop Entry]\n")
                .append("Type=Application\n")
                .append("Name=Spillway\n")
                .append("Comment=Local LLM gateway: Anthropic first, AWS Bedrock on 429\n")
                .append("Exec=").append(execValue(executable.toString())).append('\n')
                .append("TryExec=").append(stringValue(executable.toString())).append('\n');
        installedIcon(executable).ifPresent(icon -> text.append("Icon=").append(stringValue(icon.toString())).append('\n'));
        return text.append("Terminal=false\n")
                .append("X-GNOME-Autostart-enabled=true\n")
                .append("X-Spillway-Autostart=true\n")
                .toString();
    }

    /** The installers ship the app icon in the app's files: {@code bin/Spillway} has {@code lib/app/spillway.png}. */
    private static Optional<Path> installedIcon(Path executable) {
        Path bin = executable.getParent();
        if (bin == null || bin.getParent() == null) {
            return Optional.empty();
        }
        Path icon = bin.getParent().resolve("lib").resolve("app").resolve("spillway.png");
        return Files.isRegularFile(icon) ? Optional.of(icon) : Optional.empty();
    }

    /** One quoted argument of an Exec key: quoting rules of the Desktop Entry spec, then its string escapes. */
    static String execValue(String argument) {
        String quoted = "\"" + argument.replace("\\", "\\\\").replace("\"", "\\\"").replace("`", "\\`")
                .replace("$", "\\$") + "\"";
        return stringValue(quoted).replace("%", "%%");
    }

    private static String stringValue(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r");
    }
}
