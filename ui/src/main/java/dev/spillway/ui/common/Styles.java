package dev.spillway.ui.common;

import javafx.scene.Scene;

/** The app's one style sheet. */
public final class Styles {

    private static final String SHEET = "/dev/spillway/ui/spillway.css";

    private Styles() {}

    public static void apply(Scene scene) {
        scene.getStylesheets().add(java.util.Objects.requireNonNull(Styles.class.getResource(SHEET),
                "Resource not found: " + SHEET).toExternalForm());
    }
}
