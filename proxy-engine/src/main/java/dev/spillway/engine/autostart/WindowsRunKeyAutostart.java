package dev.spillway.engine.autostart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Windows: the value {@code Spillway} under {@code HKCU\Software\Microsoft\Windows\CurrentVersion\Run}. */
final class WindowsRunKeyAutostart implements Autostart {

    static final String RUN_KEY = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run";
    static final String VALUE_NAME = "Spillway";

    private final Launcher launcher;
    private final RegistryCommand reg;

    WindowsRunKeyAutostart(Launcher launcher, RegistryCommand reg) {
        this.launcher = launcher;
        this.reg = reg;
    }

    @Override
    public void enable() throws IOException {
        Path executable = launcher.require();
        check("add", reg.run(List.of("add", RUN_KEY, "/v", VALUE_NAME, "/t", "REG_SZ",
                "/d", commandLineArgument(runValue(executable)), "/f")));
    }

    @Override
    public void disable() throws IOException {
        if (isEnabled()) {
            check("delete", reg.run(List.of("delete", RUN_KEY, "/v", VALUE_NAME, "/f")));
        }
    }

    /** {@code reg query} exits 0 when the value exists, 1 when it does not. */
    @Override
    public boolean isEnabled() throws IOException {
        return reg.run(List.of("query", RUN_KEY, "/v", VALUE_NAME)).exitCode() == 0;
    }

    @Override
    public String describe() {
        return "registry value " + RUN_KEY + "\\" + VALUE_NAME;
    }

    /** The Run value: the executable, quoted so that Windows does not split a path with spaces. */
    static String runValue(Path executable) {
        return "\"" + executable + "\"";
    }

    /**
     * The value as one argument of reg.exe's command line: its quotes escaped as \" (Java quotes the whole argument
     * because the path may hold spaces, and reg.exe's argument parser turns \" back into ").
     */
    static String commandLineArgument(String value) {
        return value.replace("\"", "\\\"");
    }

    private static void check(String operation, RegistryCommand.Result result) throws IOException {
        if (result.exitCode() != 0) {
            throw new IOException("reg " + operation + " " + RUN_KEY + " failed (exit " + result.exitCode() + "): "
                    + result.output());
        }
    }
}
