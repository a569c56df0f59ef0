package dev.spillway.ui.settings.aws;

import dev.spillway.ui.common.Forms;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The AWS tab: profile and region for Bedrock, credential state, and "Sign in with AWS SSO". */
public final class AwsTab extends Tab {

    public AwsTab(AwsTabViewModel model) {
        super("AWS");
        setClosable(false);
        setId("aws-tab");
        GridPane form = Forms.grid();
        Forms.wide(form, Forms.hint("Bedrock is the fallback when Anthropic says 429. It uses these AWS credentials "
                + "(profiles come from ~/.aws/config)."));

        ComboBox<String> profile = new ComboBox<>(model.profiles());
        profile.setId("aws-profile");
        profile.valueProperty().bindBidirectional(model.profileProperty());
        profile.setMaxWidth(Double.MAX_VALUE);
        Forms.row(form, "Profile", profile, model.profileErrorProperty());

        TextField region = new TextField();
        region.setId("aws-region");
        region.setPromptText("the profile's region (e.g. us-east-1)");
        region.textProperty().bindBidirectional(model.regionProperty());
        Forms.row(form, "Region", region, model.regionErrorProperty());

        Label state = new Label();
        state.setId("aws-credential-state");
        state.setWrapText(true);
        state.textProperty().bind(model.credentialStateProperty());
        model.credentialsNeedSignInProperty().addListener((o, was, now) -> style(state, now));
        style(state, model.credentialsNeedSignInProperty().get());
        Forms.row(form, "Credentials", state, new javafx.beans.property.SimpleStringProperty(""));

        Button signIn = new Button("Sign in with AWS SSO");
        signIn.setId("aws-sign-in");
        signIn.disableProperty().bind(model.canSignInProperty().not().or(model.signingInProperty()));
        signIn.setOnAction(e -> model.signIn());
        Button cancel = new Button("Cancel");
        cancel.setId("aws-sign-in-cancel");
        cancel.visibleProperty().bind(model.signingInProperty());
        cancel.setOnAction(e -> model.cancelSignIn());
        HBox buttons = new HBox(8, signIn, cancel);
        buttons.setAlignment(Pos.CENTER_LEFT);

        Label code = new Label();
        code.setId("aws-user-code");
        code.getStyleClass().add("big-code");
        code.textProperty().bind(model.userCodeProperty());
        code.visibleProperty().bind(model.userCodeProperty().isNotEmpty());
        code.managedProperty().bind(code.visibleProperty());
        Label status = new Label();
        status.setId("aws-sign-in-status");
        status.setWrapText(true);
        status.textProperty().bind(model.signInStatusProperty());
        Forms.wide(form, new VBox(8, buttons, code, status));

        setContent(form);
    }

    private static void style(Label state, boolean needsSignIn) {
        state.getStyleClass().removeAll("status-ok", "status-failed");
        state.getStyleClass().add(needsSignIn ? "status-failed" : "status-ok");
    }
}
