package dev.spillway.ui.settings.providers;

import dev.spillway.ui.common.Forms;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** The Providers tab: how Anthropic is reached, and keys for the OpenAI-compatible providers. */
public final class ProvidersTab extends Tab {

    public ProvidersTab(ProvidersTabViewModel model, String keyStoreDescription) {
        super("Providers");
        setClosable(false);
        setId("providers-tab");
        GridPane form = Forms.grid();

        Label anthropic = new Label("Anthropic");
        anthropic.getStyleClass().add("section-title");
        Forms.wide(form, anthropic);
        ToggleGroup mode = new ToggleGroup();
        RadioButton login = new RadioButton("Use Claude Code's own login or key (nothing to enter)");
        login.setId("anthropic-login");
        login.setToggleGroup(mode);
        RadioButton ownKey = new RadioButton("Use my Anthropic API key");
        ownKey.setId("anthropic-own-key");
        ownKey.setToggleGroup(mode);
        login.setSelected(model.useClaudeCodeLoginProperty().get());
        ownKey.setSelected(!model.useClaudeCodeLoginProperty().get());
        model.useClaudeCodeLoginProperty().addListener((o, was, now) -> (now ? login : ownKey).setSelected(true));
        login.selectedProperty().addListener((o, was, now) -> model.useClaudeCodeLoginProperty().set(now));
        Forms.wide(form, new VBox(4, login, ownKey));
        PasswordField anthropicKey = keyField(model, ProviderKind.ANTHROPIC);
        anthropicKey.disableProperty().bind(model.useClaudeCodeLoginProperty());
        Forms.row(form, "API key", anthropicKey, model.keyErrorProperty(ProviderKind.ANTHROPIC));

        Label others = new Label("OpenAI-compatible providers");
        others.getStyleClass().add("section-title");
        Forms.wide(form, others);
        Forms.wide(form, Forms.hint("A key here is used by every model group of that provider (add groups in "
                + "Routing). Leave empty to keep none."));
        for (ProviderKind kind : ProviderKind.values()) {
            if (kind != ProviderKind.ANTHROPIC) {
                Forms.row(form, kind.displayName(), keyField(model, kind), model.keyErrorProperty(kind));
            }
        }
        Forms.wide(form, Forms.hint("Keys are kept in " + keyStoreDescription
                + "; the config file only refers to them (api_key: os.environ/OPENAI_API_KEY)."));

        ScrollPane scroll = new ScrollPane(form);
        scroll.setFitToWidth(true);
        setContent(scroll);
    }

    private static PasswordField keyField(ProvidersTabViewModel model, ProviderKind kind) {
        PasswordField field = new PasswordField();
        field.setId("key-" + kind.prefix());
        field.setPromptText(kind.keyHint());
        field.textProperty().bindBidirectional(model.keyProperty(kind));
        return field;
    }
}
