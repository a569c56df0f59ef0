package dev.spillway.ui.settings.routing;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One model group in the routing table: its name, the model its (first) deployment calls, and the groups it falls
 * back to, in order, as the user types them ("bedrock/claude-sonnet, gpt-4o").
 */
public final class ModelGroupRow {

    private final String originalName;
    private final StringProperty name;
    private final StringProperty model;
    private final StringProperty fallbacks;

    ModelGroupRow(String originalName, String name, String model, String fallbacks) {
        this.originalName = originalName;
        this.name = new SimpleStringProperty(name);
        this.model = new SimpleStringProperty(model);
        this.fallbacks = new SimpleStringProperty(fallbacks);
    }

    /** The name in the file when the window opened; null for a group added in the window. */
    String originalName() {
        return originalName;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty modelProperty() {
        return model;
    }

    public StringProperty fallbacksProperty() {
        return fallbacks;
    }

    @Override
    public String toString() {
        return name.get() + " -> " + model.get() + " [" + fallbacks.get() + "]";
    }
}
