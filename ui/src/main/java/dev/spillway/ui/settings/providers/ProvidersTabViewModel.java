package dev.spillway.ui.settings.providers;

import dev.spillway.engine.config.ConfigDocument;
import dev.spillway.engine.secrets.SecretStore;
import dev.spillway.ui.settings.EnvironmentReference;
import dev.spillway.ui.settings.SettingsTabViewModel;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Provider keys. Anthropic either passes Claude Code's own login through (no key in the config) or uses a key of the
 * user's; every key goes to the key store, and each deployment of that provider refers to it as
 * {@code api_key: os.environ/<PROVIDER>_API_KEY}. Keys a user wrote into the file by hand move to the store on save.
 */
public final class ProvidersTabViewModel implements SettingsTabViewModel {

    private final SecretStore secrets;
    private final Map<String, String> environment;
    private final BooleanProperty useClaudeCodeLogin = new SimpleBooleanProperty(true);
    private final Map<ProviderKind, StringProperty> keys = new EnumMap<>(ProviderKind.class);
    private final Map<ProviderKind, StringProperty> errors = new EnumMap<>(ProviderKind.class);
    /** Keys the config takes from the real environment: left as they are unless the user types another. */
    private final Map<ProviderKind, String> fromEnvironment = new EnumMap<>(ProviderKind.class);

    public ProvidersTabViewModel(SecretStore secrets, Map<String, String> environment) {
        this.secrets = secrets;
        this.environment = Map.copyOf(environment);
        for (ProviderKind kind : ProviderKind.values()) {
            keys.put(kind, new SimpleStringProperty(""));
            errors.put(kind, new SimpleStringProperty(""));
        }
    }

    @Override
    public void setValues(ConfigDocument config) {
        for (ProviderKind kind : ProviderKind.values()) {
            Optional<String> configured = config.deployments().stream()
                    .filter(d -> d.provider().equals(kind.prefix()))
                    .flatMap(d -> d.param("api_key").stream()).findFirst();
            String key = configured.flatMap(value -> EnvironmentReference.resolve(value, environment, secrets))
                    .or(() -> secrets.get(kind.variable())).orElse("");
            fromEnvironment.remove(kind);
            configured.flatMap(EnvironmentReference::variable).filter(environment::containsKey)
                    .ifPresent(variable -> fromEnvironment.put(kind, key));
            keys.get(kind).set(key);
            errors.get(kind).set("");
        }
        useClaudeCodeLogin.set(config.deployments().stream()
                .filter(d -> d.provider().equals(ProviderKind.ANTHROPIC.prefix()))
                .noneMatch(d -> d.param("api_key").isPresent()));
    }

    @Override
    public boolean validate() {
        boolean valid = true;
        for (ProviderKind kind : ProviderKind.values()) {
            String key = keys.get(kind).get().trim();
            Optional<String> problem = kind.keyProblem(key);
            if (problem.isEmpty() && kind == ProviderKind.ANTHROPIC && !useClaudeCodeLogin.get() && key.isEmpty()) {
                problem = Optional.of("Enter your Anthropic API key, or use Claude Code's login.");
            }
            errors.get(kind).set(problem.orElse(""));
            valid &= problem.isEmpty();
        }
        return valid;
    }

    @Override
    public void storeSettings(ConfigDocument config) {
        for (ProviderKind kind : ProviderKind.values()) {
            String key = keys.get(kind).get().trim();
            boolean switchedToLogin = kind == ProviderKind.ANTHROPIC && useClaudeCodeLogin.get();
            if (key.equals(fromEnvironment.get(kind)) && !switchedToLogin) {
                continue;
            }
            if (key.isEmpty()) {
                secrets.remove(kind.variable());
            } else {
                secrets.put(kind.variable(), key);
            }
            boolean referenced = !key.isEmpty() && !(kind == ProviderKind.ANTHROPIC && useClaudeCodeLogin.get());
            config.deployments().stream().filter(d -> d.provider().equals(kind.prefix())).forEach(d -> {
                if (referenced) {
                    d.setParam("api_key", EnvironmentReference.to(kind.variable()));
                } else {
                    d.removeParam("api_key");
                }
            });
        }
    }

    /** True: Anthropic requests use the caller's (Claude Code's) own credential; false: the key below. */
    public BooleanProperty useClaudeCodeLoginProperty() {
        return useClaudeCodeLogin;
    }

    public StringProperty keyProperty(ProviderKind kind) {
        return keys.get(kind);
    }

    public StringProperty keyErrorProperty(ProviderKind kind) {
        return errors.get(kind);
    }
}
