package dev.spillway.ui.settings.claudecode;

import dev.spillway.ui.common.Forms;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.layout.VBox;

/** The Claude Code tab: the switch, where things stand, and what saving will change. */
public final class ClaudeCodeTab extends Tab {

    public ClaudeCodeTab(ClaudeCodeTabViewModel model) {
        super("Claude Code");
        setClosable(false);
        setId("claude-code-tab");
        CheckBox enabled = new CheckBox("Send Claude Code's requests through Spillway");
        enabled.setId("claude-code-enabled");
        enabled.selectedProperty().bindBidirectional(model.enabledProperty());
        Label status = new Label();
        status.setId("claude-code-status");
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        Label planTitle = new Label("Saving will:");
        planTitle.getStyleClass().add("section-title");
        ListView<String> plan = new ListView<>(model.plan());
        plan.setId("claude-code-plan");
        plan.setPrefHeight(160);
        planTitle.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(model.plan()));
        planTitle.managedProperty().bind(planTitle.visibleProperty());
        plan.visibleProperty().bind(planTitle.visibleProperty());
        plan.managedProperty().bind(planTitle.visibleProperty());
        VBox content = new VBox(10, enabled, status, planTitle, plan,
                Forms.hint("Claude Code keeps its own login or API key; Spillway passes it to Anthropic, and to "
                        + "Bedrock only when Anthropic is rate limited. New Claude Code sessions pick this up."));
        content.setPadding(new Insets(16));
        setContent(content);
    }
}
