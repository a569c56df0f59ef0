package dev.spillway.ui.settings;

import dev.spillway.engine.config.ConfigDocument;
import dev.spillway.engine.config.ConfigLoader;
import dev.spillway.engine.config.SpillwayConfig;
import dev.spillway.engine.secrets.FileSecretStore;
import java.nio.file.Path;
import java.util.Map;

/** A settings store in a temporary folder: the real file-backed key store and a config file there. */
public final class TestSettings {

    private TestSettings() {}

    public static SettingsStore in(Path dir) {
        return in(dir, Map.of());
    }

    public static SettingsStore in(Path dir, Map<String, String> environment) {
        return new SettingsStore(dir.resolve("config.yaml"), new FileSecretStore(dir.resolve("secrets.json")),
                environment);
    }

    public static ConfigDocument defaults() {
        return ConfigDocument.parse(ConfigLoader.defaultConfigText());
    }

    /** Runs a tab's whole lifecycle on {@code document} and loads the result as the engine would. */
    public static SpillwayConfig storeAndLoad(SettingsTabViewModel tab, ConfigDocument document, SettingsStore store) {
        tab.storeSettings(document);
        return store.check(document);
    }
}
