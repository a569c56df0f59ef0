package dev.spillway.engine.autostart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** reg.exe cannot run here: these tests give the class a stand-in that keeps the registry in a map. */
class WindowsRunKeyAutostartTest {

    private final FakeReg reg = new FakeReg();
    private final Path exe = Path.of("C:\\Program Files\\Spillway\\Spillway.exe");

    @Test
    void enableAddsAQuotedRunValueAndDisableDeletesIt() throws Exception {
        Autostart autostart = new WindowsRunKeyAutostart(Launcher.at(exe), reg);
        assertThat(autostart.isEnabled()).isFalse();

        autostart.enable();

        assertThat(autostart.isEnabled()).isTrue();
        assertThat(reg.values).containsEntry(
                "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\Spillway", "\"" + exe.toAbsolutePath() + "\"");
        assertThat(reg.calls.get(1)).containsExactly("add", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run",
                "/v", "Spillway", "/t", "REG_SZ", "/d", "\\\"" + exe.toAbsolutePath() + "\\\"", "/f");
        assertThat(autostart.describe())
                .isEqualTo("registry value HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\Spillway");

        autostart.disable();

        assertThat(reg.values).isEmpty();
        assertThat(autostart.isEnabled()).isFalse();
    }

    @Test
    void disablingWhenNothingIsThereRunsNoDelete() throws Exception {
        new WindowsRunKeyAutostart(Launcher.at(exe), reg).disable();

        assertThat(reg.calls).extracting(call -> call.get(0)).containsExactly("query");
    }

    @Test
    void aFailingRegExeBecomesAnIoExceptionWithItsMessage() {
        RegistryCommand denied = arguments -> new RegistryCommand.Result(1, "ERROR: Access is denied.");

        assertThatThrownBy(() -> new WindowsRunKeyAutostart(Launcher.at(exe), denied).enable())
                .isInstanceOf(IOException.class).hasMessageContaining("exit 1").hasMessageContaining("Access is denied");
    }

    /** Just enough of reg.exe: add, delete and query of one value, with its exit codes and \" unescaping. */
    private static final class FakeReg implements RegistryCommand {
        final Map<String, String> values = new HashMap<>();
        final List<List<String>> calls = new ArrayList<>();

        @Override
        public Result run(List<String> args) {
            calls.add(args);
            String name = args.get(1) + "\\" + args.get(args.indexOf("/v") + 1);
            switch (args.get(0)) {
                case "add" -> values.put(name, args.get(args.indexOf("/d") + 1).replace("\\\"", "\""));
                case "delete" -> {
                    if (values.remove(name) == null) {
                        return new Result(1, "ERROR: The system was unable to find the specified registry key or value.");
                    }
                }
                case "query" -> {
                    if (!values.containsKey(name)) {
                        return new Result(1, "ERROR: The system was unable to find the specified registry key or value.");
                    }
                }
                default -> throw new IllegalArgumentException(args.toString());
            }
            return new Result(0, "The operation completed successfully.");
        }
    }
}
