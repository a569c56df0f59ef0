package dev.spillway.ui.settings;

import dev.spillway.engine.config.ConfigDocument;
import dev.spillway.engine.config.ConfigLoader;
import dev.spillway.engine.config.SpillwayConfig;
import dev.spillway.engine.secrets.SecretEnvironment;
import dev.spillway.engine.secrets.SecretStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The config file the settings window edits and the key store beside it. The file is the single source of truth:
 * every window opening reads it afresh, every save writes it whole (created from the built-in default the first
 * time) and then loads it the way the engine will.
 *
 * @param file the user's {@code config.yaml}
 * @param secrets where provider keys and the master key are kept (entered keys wait there until a save goes through)
 * @param environment the process environment ({@code os.environ/} references resolve here first)
 */
public record SettingsStore(Path file, PendingSecrets secrets, Map<String, String> environment) {

    public SettingsStore {
        environment = Map.copyOf(environment);
    }

    public SettingsStore(Path file, SecretStore secrets, Map<String, String> environment) {
        this(file, new PendingSecrets(secrets), environment);
    }

    public ConfigDocument open() {
        return ConfigDocument.readOrDefault(file);
    }

    /** Loads {@code document} as the engine would, without writing it: throws a ConfigException if it is invalid. */
    public SpillwayConfig check(ConfigDocument document) {
        String text = document.toYaml();
        return ConfigLoader.withEnvironment(SecretEnvironment.of(environment, secrets, text))
                .parse(text, java.util.Optional.of(file));
    }

    /** The saved file, loaded as the engine loads it (with its {@code .env} file, if any). */
    public SpillwayConfig load() {
        if (!Files.isRegularFile(file)) {
            return ConfigLoader.withEnvironment(environment).loadDefault();
        }
        try {
            String text = Files.readString(file);
            return ConfigLoader.withEnvironment(SecretEnvironment.of(environment, secrets, text)).load(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(ConfigDocument document) {
        try {
            document.writeTo(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
