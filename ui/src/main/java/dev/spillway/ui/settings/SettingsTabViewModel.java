package dev.spillway.ui.settings;

import dev.spillway.engine.config.ConfigDocument;
import dev.spillway.engine.config.SpillwayConfig;

/**
 * One tab of the settings window (JabRef's preference-tab lifecycle): {@link #setValues} is the only place values are
 * read, {@link #validate} puts a message next to each bad field, {@link #storeSettings} writes them back. Plain Java:
 * no toolkit needed, so tabs are tested with JUnit.
 */
public interface SettingsTabViewModel {

    /** Fills the fields from the config file being edited (and the key store). */
    void setValues(ConfigDocument config);

    /** Checks every field, setting or clearing its message; true when all are valid. */
    boolean validate();

    /** Writes the fields into {@code config} (and keys into the key store); called only after {@link #validate}. */
    void storeSettings(ConfigDocument config);

    /**
     * Changes outside the config file (Claude Code's settings, the login item), made once the file is saved and
     * applied; throws with a message for the user if one fails.
     */
    default void afterSave(SpillwayConfig saved) {
    }
}
