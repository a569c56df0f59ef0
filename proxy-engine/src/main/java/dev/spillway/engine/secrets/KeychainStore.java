package dev.spillway.engine.secrets;

import java.util.List;
import java.util.Optional;

/**
 * The macOS login Keychain through {@code /usr/bin/security}: generic passwords with service {@code spillway} and
 * the secret's name as account. Writing goes through {@code security -i} (commands on standard input) so the value
 * is never in a process's argument list.
 */
final class KeychainStore implements SecretStore {

    private final CommandRunner runner;

    KeychainStore(CommandRunner runner) {
        this.runner = runner;
    }

    @Override
    public Optional<String> get(String name) {
        CommandRunner.Result result = runner.run(List.of("/usr/bin/security", "find-generic-password", "-s",
                "spillway", "-a", SecretStore.requireValidName(name), "-w"), null);
        if (result.exitCode() != 0) {
            return Optional.empty();
        }
        return Optional.of(result.stdout().stripTrailing());
    }

    @Override
    public void put(String name, String value) {
        String valid = SecretStore.requireValidName(name);
        String command = "add-generic-password -U -s spillway -a " + valid + " -l \"Spillway " + valid + "\" -w "
                + quote(value) + "\n";
        CommandRunner.Result result = runner.run(List.of("/usr/bin/security", "-i"), command);
        if (result.exitCode() != 0) {
            throw new SecretStoreException("the Keychain refused to store " + valid);
        }
    }

    @Override
    public void remove(String name) {
        runner.run(List.of("/usr/bin/security", "delete-generic-password", "-s", "spillway", "-a",
                SecretStore.requireValidName(name)), null);
    }

    /** {@code security -i} splits its input like a shell: double quotes, with \ escaping " and \. */
    static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public String description() {
        return "the macOS Keychain";
    }

    @Override
    public String toString() {
        return "KeychainStore";
    }
}
