package dev.spillway.ui.settings;

import dev.spillway.engine.config.ConfigDocument;
import dev.spillway.engine.config.ConfigException;
import dev.spillway.engine.config.SpillwayConfig;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The settings window: its tabs, and saving them as one change. A save validates every tab, writes their values into
 * the config document, loads the result as the engine would (so a config the engine would refuse is never written),
 * writes the file atomically and hands the config to the running engine.
 */
public final class SettingsViewModel {

    private final SettingsStore store;
    private final ConfigApplier applier;
    private final List<SettingsTabViewModel> tabs;
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(false);

    public SettingsViewModel(SettingsStore store, ConfigApplier applier, List<SettingsTabViewModel> tabs) {
        this.store = store;
        this.applier = applier;
        this.tabs = List.copyOf(tabs);
    }

    /** Reads the config file afresh into every tab. */
    public void reload() {
        try {
            store.secrets().discard();
            ConfigDocument document = store.open();
            tabs.forEach(tab -> tab.setValues(document));
            report(false, "");
        } catch (ConfigException e) {
            report(false, "Your config file has a problem, fix it before changing settings here: " + e.getMessage());
        }
    }

    /** @return true when the settings were saved and applied */
    public boolean save() {
        boolean valid = true;
        for (SettingsTabViewModel tab : tabs) {
            valid &= tab.validate();
        }
        if (!valid) {
            return report(false, "Some fields need attention (see the messages next to them).");
        }
        ConfigDocument document;
        SpillwayConfig config;
        try {
            document = store.open();
            tabs.forEach(tab -> tab.storeSettings(document));
            config = store.check(document);
        } catch (ConfigException e) {
            store.secrets().discard();
            return report(false, "Not saved: " + e.getMessage());
        }
        try {
            // Keys first: a stored key the file does not use is harmless, a file naming a key not stored is not.
            store.secrets().commit();
            store.write(document);
        } catch (RuntimeException e) {
            store.secrets().discard();
            return report(false, "Not saved: " + e.getMessage());
        }
        String applied;
        try {
            applied = applier.apply(config);
        } catch (RuntimeException e) {
            return report(false, "Saved to " + store.file() + ", but the proxy could not apply it: " + e.getMessage());
        }
        for (SettingsTabViewModel tab : tabs) {
            try {
                tab.afterSave(config);
            } catch (RuntimeException e) {
                return report(false, "Saved to " + store.file() + ", but " + e.getMessage());
            }
        }
        return report(true, "Saved to " + store.file() + ". " + applied);
    }

    private boolean report(boolean ok, String message) {
        failed.set(!ok);
        status.set(message);
        return ok;
    }

    public List<SettingsTabViewModel> tabs() {
        return tabs;
    }

    public SettingsStore store() {
        return store;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Whether {@link #statusProperty()} reports a problem. */
    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }
}
