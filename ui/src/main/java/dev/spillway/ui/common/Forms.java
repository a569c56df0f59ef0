package dev.spillway.ui.common;

import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Form layout shared by the settings tabs: a label, the field, and the field's message right under it. */
public final class Forms {

    private Forms() {}

    public static GridPane grid() {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("form");
        grid.setHgap(12);
        grid.setVgap(6);
        grid.setPadding(new Insets(16));
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(130);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, fields);
        return grid;
    }

    /**
     * Adds a row: {@code label}, then {@code field} with {@code error} under it (hidden while empty). The message
     * label gets the id {@code <fieldId>-error} so tests and screen readers can find it.
     */
    public static void row(GridPane grid, String label, Node field, ObservableStringValue error) {
        int row = grid.getRowCount();
        Label name = new Label(label);
        name.setLabelFor(field);
        Label message = errorLabel(error);
        if (field.getId() != null) {
            message.setId(field.getId() + "-error");
        }
        VBox cell = new VBox(3, field, message);
        grid.add(name, 0, row);
        grid.add(cell, 1, row);
        GridPane.setValignment(name, javafx.geometry.VPos.TOP);
        GridPane.setMargin(name, new Insets(4, 0, 0, 0));
    }

    /** A full-width row, e.g. an explanation or a warning. */
    public static void wide(GridPane grid, Node node) {
        grid.add(node, 0, grid.getRowCount(), 2, 1);
    }

    public static Label errorLabel(ObservableStringValue error) {
        Label message = new Label();
        message.getStyleClass().add("field-error");
        message.setWrapText(true);
        message.textProperty().bind(error);
        message.visibleProperty().bind(message.textProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        return message;
    }

    public static Label hint(String text) {
        Label hint = new Label(text);
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        return hint;
    }
}
