package dev.spillway.ui.settings;

import dev.spillway.engine.secrets.SecretStore;
import java.util.Map;
import java.util.Optional;

/** Reading a config value that may be {@code os.environ/NAME}, the way the engine will resolve it. */
public final class EnvironmentReference {

    public static final String PREFIX = "os.environ/";

    private EnvironmentReference() {}

    public static String to(String variable) {
        return PREFIX + variable;
    }

    public static Optional<String> variable(String configValue) {
        return configValue != null && configValue.startsWith(PREFIX)
                ? Optional.of(configValue.substring(PREFIX.length()).trim()) : Optional.empty();
    }

    /** The value a config entry stands for: a literal as is, a reference from the environment or the key store. */
    public static Optional<String> resolve(String configValue, Map<String, String> environment, SecretStore secrets) {
        if (configValue == null) {
            return Optional.empty();
        }
        Optional<String> name = variable(configValue);
        if (name.isEmpty()) {
            return Optional.of(configValue);
        }
        String fromEnvironment = environment.get(name.get());
        return fromEnvironment != null ? Optional.of(fromEnvironment) : secrets.get(name.get());
    }
}
