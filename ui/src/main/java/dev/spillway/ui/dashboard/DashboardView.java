package dev.spillway.ui.dashboard;

import dev.spillway.ui.common.Styles;
import java.net.URI;
import java.util.Optional;
import javafx.concurrent.Worker;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.web.WebEngine;
import javafx.scene.web.WebView;
import javafx.stage.Stage;

/**
 * The dashboard window: the engine's own dashboard page ({@code /ui}, live over server-sent events) in a WebView, so
 * the browser and the app show one implementation. While the proxy is stopped it says so instead.
 */
public final class DashboardView {

    private final Stage stage = new Stage();
    private final WebView web = new WebView();
    private final Label message = new Label();
    private final Label address = new Label();
    private final StackPane center = new StackPane();
    private Optional<URI> url = Optional.empty();

    public DashboardView() {
        web.setId("dashboard-web");
        message.setId("dashboard-message");
        message.setWrapText(true);
        message.setPadding(new Insets(24));
        address.setId("dashboard-address");
        address.getStyleClass().add("hint");
        Button reload = new Button("Reload");
        reload.setId("dashboard-reload");
        reload.setOnAction(e -> show(url));
        HBox.setHgrow(address, Priority.ALWAYS);
        address.setMaxWidth(Double.MAX_VALUE);
        HBox bar = new HBox(8, address, reload);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("status-bar");

        web.getEngine().getLoadWorker().stateProperty().addListener((o, was, now) -> {
            if (now == Worker.State.FAILED) {
                showMessage("The dashboard did not load from " + url.map(DashboardView::withoutFragment).orElse("?")
                        + ". Is the proxy running?");
            }
        });
        BorderPane root = new BorderPane(center);
        root.setBottom(bar);
        Scene scene = new Scene(root, 1100, 760);
        Styles.apply(scene);
        stage.setScene(scene);
        stage.setTitle("Spillway dashboard");
    }

    /** Shows the dashboard at {@code dashboardUrl}, or a note that the proxy is stopped when empty. */
    public void show(Optional<URI> dashboardUrl) {
        url = dashboardUrl;
        if (dashboardUrl.isPresent()) {
            String target = dashboardUrl.get().toString();
            address.setText(withoutFragment(dashboardUrl.get()));
            center.getChildren().setAll(web);
            WebEngine engine = web.getEngine();
            if (!target.equals(engine.getLocation()) || engine.getLoadWorker().getState() == Worker.State.FAILED) {
                engine.load(target);
            }
        } else {
            address.setText("");
            showMessage("The proxy is stopped. Start it from the Spillway menu to see its dashboard.");
        }
        stage.show();
        stage.toFront();
    }

    /** The proxy stopped or moved: follow it without bringing the window forward. */
    public void update(Optional<URI> dashboardUrl) {
        if (stage.isShowing() && !dashboardUrl.equals(url)) {
            show(dashboardUrl);
        }
    }

    /** The fragment may carry the master key for the page: never shown. */
    private static String withoutFragment(URI uri) {
        String text = uri.toString();
        int hash = text.indexOf('#');
        return hash < 0 ? text : text.substring(0, hash);
    }

    private void showMessage(String text) {
        message.setText(text);
        center.getChildren().setAll(message);
    }

    public WebEngine webEngine() {
        return web.getEngine();
    }

    public Stage stage() {
        return stage;
    }
}
