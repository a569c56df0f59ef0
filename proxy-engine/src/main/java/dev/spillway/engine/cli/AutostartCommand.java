package dev.spillway.engine.cli;

import dev.spillway.engine.autostart.Autostart;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code spillway autostart enable|disable|status}: start Spillway at login, or not. */
@Command(name = "autostart", mixinStandardHelpOptions = true,
        description = "Start Spillway when you log in (XDG autostart on Linux, a LaunchAgent on macOS, "
                + "the Run key on Windows).")
final class AutostartCommand {

    static final int NOT_ENABLED = 3;

    private final Supplier<Autostart> autostart;

    @Spec
    CommandSpec spec;

    AutostartCommand() {
        this(Autostart::forCurrentUser);
    }

    AutostartCommand(Supplier<Autostart> autostart) {
        this.autostart = autostart;
    }

    @Command(description = "Start Spillway at login.")
    int enable() {
        return attempt("enable", login -> {
            login.enable();
            out().println("Autostart enabled: " + login.describe());
            return 0;
        });
    }

    @Command(description = "Stop starting Spillway at login.")
    int disable() {
        return attempt("disable", login -> {
            login.disable();
            out().println("Autostart disabled: no " + login.describe());
            return 0;
        });
    }

    @Command(description = "Say whether Spillway starts at login. Exit code 0 when it does, 3 when it does not.")
    int status() {
        return attempt("read", login -> {
            boolean enabled = login.isEnabled();
            out().println((enabled ? "Autostart is enabled: " : "Autostart is disabled: no ") + login.describe());
            return enabled ? 0 : NOT_ENABLED;
        });
    }

    private int attempt(String what, Action action) {
        try {
            return action.run(autostart.get());
        } catch (IOException | IllegalStateException e) {
            spec.commandLine().getErr().println("spillway: could not " + what + " autostart: " + e.getMessage());
            return 1;
        }
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private interface Action {
        int run(Autostart login) throws IOException;
    }
}
