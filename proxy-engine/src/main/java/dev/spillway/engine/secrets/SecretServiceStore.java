package dev.spillway.engine.secrets;

import java.util.List;
import java.util.Optional;

/**
 * The freedesktop Secret Service (GNOME Keyring, KWallet, KeePassXC) through libsecret's {@code secret-tool}. Items
 * carry the attributes {@code service=spillway} and {@code name=<NAME>}; values go through standard input.
 */
final class SecretServiceStore implements SecretStore {

    private final CommandRunner runner;

    SecretServiceStore(CommandRunner runner) {
        this.runner = runner;
    }

    /** Whether {@code secret-tool} runs and a Secret Service answers on the session bus. */
    static boolean isAvailable(CommandRunner runner) {
        try {
            CommandRunner.Result probe = runner.run(
                    List.of("secret-tool", "lookup", "service", "spillway", "name", "SPILLWAY_PROBE"), null);
            // exit 1 with no message means "no such item": the service answered.
            return probe.exitCode() == 0 || (probe.exitCode() == 1 && probe.stderr().isBlank());
        } catch (SecretStoreException e) {
            return false;
        }
    }

    @Override
    public Optional<String> get(String name) {
        CommandRunner.Result result = runner.run(List.of("secret-tool", "lookup", "service", "spillway", "name",
                SecretStore.requireValidName(name)), null);
        if (result.exitCode() != 0 || result.stdout().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(result.stdout());
    }

    @Override
    public void put(String name, String value) {
        String valid = SecretStore.requireValidName(name);
        CommandRunner.Result result = runner.run(List.of("secret-tool", "store", "--label=Spillway " + valid,
                "service", "spillway", "name", valid), value);
        if (result.exitCode() != 0) {
            throw new SecretStoreException("the Secret Service refused to store " + valid + ": "
                    + result.stderr().strip());
        }
    }

    @Override
    public void remove(String name) {
        runner.run(List.of("secret-tool", "clear", "service", "spillway", "name", SecretStore.requireValidName(name)),
                null);
    }

    @Override
    public String description() {
        return "the Secret Service (GNOME Keyring / KWallet)";
    }

    @Override
    public String toString() {
        return "SecretServiceStore";
    }
}
