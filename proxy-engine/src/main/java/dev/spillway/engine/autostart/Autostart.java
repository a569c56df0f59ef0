package dev.spillway.engine.autostart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Starts Spillway when the user logs in: an XDG autostart entry on Linux, a LaunchAgent on macOS, the Run key on
 * Windows. Used by {@code spillway autostart} and the desktop settings window; nothing here needs a display.
 */
public interface Autostart {

    /** Writes the login entry, pointing at the launcher; replaces an older one. */
    void enable() throws IOException;

    /** Removes the login entry; does nothing when there is none. */
    void disable() throws IOException;

    boolean isEnabled() throws IOException;

    /** Where the entry lives, for people: e.g. "XDG autostart entry /home/ada/.config/autostart/spillway.desktop". */
    String describe();

    /** The autostart of the user running this JVM, starting the launcher this JVM was started from. */
    static Autostart forCurrentUser() {
        Map<String, String> env = System.getenv();
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return forPlatform(System.getProperty("os.name"), Path.of(home), env, Launcher.current());
    }

    /**
     * The autostart for an OS ({@code os.name}), home directory and environment (XDG_CONFIG_HOME on Linux), starting
     * {@code launcher}.
     */
    static Autostart forPlatform(String osName, Path home, Map<String, String> env, Launcher launcher) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return new WindowsRunKeyAutostart(launcher, RegistryCommand.REG_EXE);
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return new LaunchAgentAutostart(home, launcher);
        }
        return new XdgAutostart(XdgAutostart.configHome(home, env), launcher);
    }
}
