package dev.spillway.engine.secrets;

import java.util.Optional;

/**
 * Where Spillway keeps the user's provider keys, by variable name ({@code OPENAI_API_KEY}), so the config file can
 * say {@code api_key: os.environ/OPENAI_API_KEY} and never hold a key itself.
 *
 * <p>Implementations never log or echo a secret value, and their {@code toString} names the backend only.
 */
public interface SecretStore {

    /** The secret stored under {@code name}, if there is one. */
    Optional<String> get(String name);

    /** Stores {@code value} under {@code name}, replacing any previous value. */
    void put(String name, String value);

    /** Removes the secret stored under {@code name}; removing a missing secret is not an error. */
    void remove(String name);

    /** Where the secrets live, for the settings window, e.g. "Secret Service (GNOME Keyring, KWallet)". */
    String description();

    /** Secret names are environment-variable names, so that {@code os.environ/NAME} can refer to them. */
    static String requireValidName(String name) {
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]{0,127}")) {
            throw new IllegalArgumentException("a secret name is an environment-variable name such as "
                    + "OPENAI_API_KEY (letters, digits and _), not '" + name + "'");
        }
        return name;
    }
}
