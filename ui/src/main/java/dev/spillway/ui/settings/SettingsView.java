package dev.spillway.ui.settings;

import dev.spillway.ui.common.Styles;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Stage;

/** The settings window: one tab per area, and Save / Close. Every opening reads the config file afresh. */
public final class SettingsView {

    private final SettingsViewModel model;
    private final Stage stage = new Stage();
    private final TabPane tabs = new TabPane();

    public SettingsView(SettingsViewModel model, List<Tab> tabViews) {
        this.model = model;
        tabs.getTabs().setAll(tabViews);
        tabs.setId("settings-tabs");

        Label status = new Label();
        status.setId("settings-status");
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        model.failedProperty().addListener((o, was, failed) -> {
            status.getStyleClass().removeAll("status-ok", "status-failed");
            status.getStyleClass().add(failed ? "status-failed" : "status-ok");
        });
        HBox.setHgrow(status, Priority.ALWAYS);
        status.setMaxWidth(Double.MAX_VALUE);
        Button save = new Button("Save");
        save.setId("save");
        save.setDefaultButton(true);
        save.setOnAction(e -> model.save());
        Button close = new Button("Close");
        close.setId("close");
        close.setCancelButton(true);
        close.setOnAction(e -> stage.hide());
        HBox bar = new HBox(8, status, save, close);
        bar.setAlignment(Pos.CENTER_RIGHT);
        bar.getStyleClass().add("status-bar");

        BorderPane root = new BorderPane(tabs);
        root.setBottom(bar);
        Scene scene = new Scene(root, 720, 560);
        Styles.apply(scene);
        stage.setScene(scene);
        stage.setTitle("Spillway settings");
    }

    /** Shows the window with the config file's current values, or brings it forward if it is open. */
    public void show() {
        if (!stage.isShowing()) {
            model.reload();
        }
        stage.show();
        stage.toFront();
        stage.requestFocus();
    }

    public void select(String tabId) {
        tabs.getTabs().stream().filter(t -> tabId.equals(t.getId())).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    public Stage stage() {
        return stage;
    }
}
