package dev.spillway.engine.secrets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Windows Credential Manager: generic credentials named {@code spillway:<NAME>} (visible under Windows Credentials),
 * written and read through advapi32 by a PowerShell script that ships in the jar. The script travels as
 * {@code -EncodedCommand}; a secret only ever on standard input (storing) or standard output (reading), never in a
 * command line. Each call starts PowerShell (a second or so), so what was read or written is remembered for the life
 * of this store: Spillway is the only writer of its own credentials.
 */
final class WindowsCredentialStore implements SecretStore {

    /** The script's exit code for "no such credential". */
    static final int NOT_FOUND = 3;

    private static final String SCRIPT = loadScript();

    private final CommandRunner runner;
    private final Map<String, Optional<String>> known = new ConcurrentHashMap<>();

    WindowsCredentialStore(CommandRunner runner) {
        this.runner = runner;
    }

    @Override
    public Optional<String> get(String name) {
        return known.computeIfAbsent(name, WindowsCredentialStore.this::read);
    }

    private Optional<String> read(String name) {
        CommandRunner.Result result = runner.run(command("get", name), null);
        if (result.exitCode() == NOT_FOUND) {
            return Optional.empty();
        }
        requireSuccess(result, "read " + name + " from");
        return Optional.of(new String(Base64.getDecoder().decode(result.stdout().strip()), StandardCharsets.UTF_8));
    }

    @Override
    public void put(String name, String value) {
        requireSuccess(runner.run(command("put", name), value), "store " + name + " in");
        known.put(name, Optional.of(value));
    }

    @Override
    public void remove(String name) {
        requireSuccess(runner.run(command("remove", name), null), "remove " + name + " from");
        known.put(name, Optional.empty());
    }

    /** Whether PowerShell can reach the Credential Manager here (it cannot under a locked-down language mode). */
    static boolean isAvailable(CommandRunner runner) {
        try {
            int exit = runner.run(command("get", "SPILLWAY_PROBE"), null).exitCode();
            return exit == 0 || exit == NOT_FOUND;
        } catch (SecretStoreException e) {
            return false;
        }
    }

    static List<String> command(String operation, String name) {
        String script = SCRIPT.replace("__OPERATION__", operation)
                .replace("__NAME__", SecretStore.requireValidName(name));
        String encoded = Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
        return List.of("powershell.exe", "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass",
                "-EncodedCommand", encoded);
    }

    /** The PowerShell error text names the failing call, never the secret (which the script does not print). */
    private static void requireSuccess(CommandRunner.Result result, String what) {
        if (result.exitCode() != 0) {
            throw new SecretStoreException("Windows Credential Manager: could not " + what
                    + " the credential store (exit " + result.exitCode() + "): " + result.stderr().strip());
        }
    }

    private static String loadScript() {
        try (InputStream in = WindowsCredentialStore.class.getResourceAsStream("windows-credentials.ps1")) {
            if (in == null) {
                throw new IllegalStateException("windows-credentials.ps1 is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String description() {
        return "Windows Credential Manager";
    }

    @Override
    public String toString() {
        return "WindowsCredentialStore";
    }
}
