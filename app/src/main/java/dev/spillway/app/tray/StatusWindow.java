package dev.spillway.app.tray;

import dev.spillway.app.AppActions;
import dev.spillway.ui.common.Styles;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The tray menu as a small window, for desktops without a system tray: the same status line and actions, plus why
 * there is no tray icon. Closing it keeps Spillway running; launching Spillway again brings it back.
 */
public final class StatusWindow implements TrayView {

    private final Stage stage = new Stage();
    private final ImageView icon = new ImageView();
    private final Label status = new Label();
    private final Label detail = new Label();
    private final Label notification = new Label();
    private final Button start = new Button(TrayMenu.START);
    private final Button stop = new Button(TrayMenu.STOP);
    private final Button dashboard = new Button(TrayMenu.DASHBOARD);
    private final CheckBox claudeCode = new CheckBox(TrayMenu.CLAUDE_CODE);
    private boolean rendering;

    public StatusWindow(AppActions actions, String whyNoTray) {
        status.setId("status-line");
        status.getStyleClass().add("section-title");
        status.setWrapText(true);
        detail.setId("status-detail");
        detail.setWrapText(true);
        notification.setId("status-notification");
        notification.getStyleClass().add("warning");
        notification.setWrapText(true);
        notification.setVisible(false);
        notification.managedProperty().bind(notification.visibleProperty());
        start.setId("start-proxy");
        start.setOnAction(e -> actions.startProxy());
        stop.setId("stop-proxy");
        stop.setOnAction(e -> actions.stopProxy());
        dashboard.setId("open-dashboard");
        dashboard.setOnAction(e -> actions.openDashboard());
        Button settings = new Button(TrayMenu.SETTINGS);
        settings.setId("open-settings");
        settings.setOnAction(e -> actions.openSettings());
        claudeCode.setId("claude-code");
        claudeCode.selectedProperty().addListener((o, was, now) -> {
            if (!rendering) {
                actions.setClaudeCodeConfigured(now);
            }
        });
        Button quit = new Button(TrayMenu.QUIT);
        quit.setId("quit");
        quit.setOnAction(e -> actions.quit());
        Label why = new Label("No tray icon: " + whyNoTray + ". This window stands in for the tray menu; closing "
                + "it keeps Spillway running, and launching Spillway again brings it back.");
        why.setId("no-tray-reason");
        why.getStyleClass().add("hint");
        why.setWrapText(true);

        icon.setFitWidth(24);
        icon.setFitHeight(24);
        HBox header = new HBox(8, icon, status);
        header.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox root = new VBox(10, header, detail, notification, new HBox(8, start, stop),
                new HBox(8, dashboard, settings), claudeCode, new Separator(), why, quit);
        root.setPadding(new Insets(16));
        root.setPrefWidth(460);
        Scene scene = new Scene(root);
        Styles.apply(scene);
        stage.setScene(scene);
        stage.setTitle("Spillway");
    }

    @Override
    public void show(TrayMenu menu) {
        runOnFx(() -> {
            rendering = true;
            try {
                icon.setImage(new Image(StatusWindow.class.getResource(menu.icon().resource(48)).toExternalForm()));
                status.setText(menu.statusLine());
                detail.setText(menu.detail().orElse(""));
                detail.setVisible(menu.detail().isPresent());
                start.setDisable(!menu.canStart());
                stop.setDisable(!menu.canStop());
                dashboard.setDisable(!menu.dashboardAvailable());
                claudeCode.setDisable(menu.claudeCodeConfigured().isEmpty());
                claudeCode.setSelected(menu.claudeCodeConfigured().orElse(false));
                stage.sizeToScene();
            } finally {
                rendering = false;
            }
        });
    }

    @Override
    public void notify(String title, String message) {
        runOnFx(() -> {
            notification.setText(title + ": " + message);
            notification.setVisible(true);
        });
    }

    @Override
    public void bringForward() {
        runOnFx(() -> {
            stage.show();
            stage.toFront();
        });
    }

    @Override
    public void remove() {
        runOnFx(stage::hide);
    }

    public Stage stage() {
        return stage;
    }

    private static void runOnFx(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }
}
