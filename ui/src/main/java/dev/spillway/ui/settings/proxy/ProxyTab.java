package dev.spillway.ui.settings.proxy;

import dev.spillway.ui.common.Forms;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** The Proxy tab: port, bind address (with its warning), master key, notifications. */
public final class ProxyTab extends Tab {

    public ProxyTab(ProxyTabViewModel model) {
        super("Proxy");
        setClosable(false);
        setId("proxy-tab");
        GridPane form = Forms.grid();

        TextField port = new TextField();
        port.setId("port");
        port.setPrefColumnCount(6);
        port.setMaxWidth(120);
        port.textProperty().bindBidirectional(model.portProperty());
        Forms.row(form, "Port", port, model.portErrorProperty());

        TextField host = new TextField();
        host.setId("host");
        host.textProperty().bindBidirectional(model.hostProperty());
        Forms.row(form, "Listen on", host, model.hostErrorProperty());

        Label warning = new Label("Other machines on your network will be able to reach Spillway and spend your "
                + "credentials. A master key is required, and clients must send it.");
        warning.setId("host-warning");
        warning.getStyleClass().add("warning");
        warning.setWrapText(true);
        warning.visibleProperty().bind(model.leavesLoopbackProperty());
        warning.managedProperty().bind(warning.visibleProperty());
        Forms.wide(form, warning);

        TextField key = new TextField();
        key.setId("master-key");
        key.getStyleClass().add("code");
        key.textProperty().bindBidirectional(model.masterKeyProperty());
        HBox.setHgrow(key, Priority.ALWAYS);
        Button generate = new Button("Generate");
        generate.setId("generate-master-key");
        generate.setOnAction(e -> model.generateMasterKey());
        Button copy = new Button("Copy");
        copy.setId("copy-master-key");
        copy.disableProperty().bind(model.masterKeyProperty().isEmpty());
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(model.masterKeyProperty().get());
            Clipboard.getSystemClipboard().setContent(content);
        });
        HBox keyRow = new HBox(6, key, generate, copy);
        keyRow.setId("master-key-row");
        Forms.row(form, "Master key", keyRow, model.masterKeyErrorProperty());
        Forms.wide(form, Forms.hint("Optional on 127.0.0.1. Clients send it as x-api-key or Authorization: Bearer "
                + "(Claude Code: ANTHROPIC_CUSTOM_HEADERS='x-spillway-key: <key>'). Kept in your OS key store, "
                + "never in the config file."));

        CheckBox notifications = new CheckBox("Notify me when a model group fails over to its fallback, "
                + "and when it returns");
        notifications.setId("notifications");
        notifications.selectedProperty().bindBidirectional(model.notificationsProperty());
        Forms.wide(form, notifications);

        if (model.offersStartAtLogin()) {
            CheckBox login = new CheckBox("Start Spillway at login");
            login.setId("start-at-login");
            login.selectedProperty().bindBidirectional(model.startAtLoginProperty());
            Forms.wide(form, login);
            Label loginError = Forms.errorLabel(model.startAtLoginErrorProperty());
            loginError.setId("start-at-login-error");
            Forms.wide(form, loginError);
        }

        setContent(form);
    }
}
