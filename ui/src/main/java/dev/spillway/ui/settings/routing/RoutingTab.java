package dev.spillway.ui.settings.routing;

import dev.spillway.ui.common.Forms;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Routing tab: model groups with their model and fallback order, and the cooldown time. */
public final class RoutingTab extends Tab {

    public RoutingTab(RoutingTabViewModel model) {
        super("Routing");
        setClosable(false);
        setId("routing-tab");

        TableView<ModelGroupRow> table = new TableView<>(model.groups());
        table.setId("groups");
        table.setEditable(true);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Model group", 150, ModelGroupRow::nameProperty));
        table.getColumns().add(column("Calls (provider/model)", 230, ModelGroupRow::modelProperty));
        table.getColumns().add(column("Falls back to (in order)", 220, ModelGroupRow::fallbacksProperty));
        table.setPrefHeight(230);
        VBox.setVgrow(table, Priority.ALWAYS);

        Button remove = new Button("Remove group");
        remove.setId("remove-group");
        remove.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> model.removeGroup(table.getSelectionModel().getSelectedItem()));

        TextField name = new TextField();
        name.setId("new-group-name");
        name.setPromptText("name, e.g. gpt-4o");
        name.textProperty().bindBidirectional(model.newNameProperty());
        TextField target = new TextField();
        target.setId("new-group-model");
        target.setPromptText("provider/model, e.g. openai/gpt-4o");
        target.textProperty().bindBidirectional(model.newModelProperty());
        HBox.setHgrow(target, Priority.ALWAYS);
        Button add = new Button("Add group");
        add.setId("add-group");
        add.setOnAction(e -> model.addGroup());
        add.setDefaultButton(false);
        HBox addRow = new HBox(6, name, target, add);

        TextField cooldown = new TextField();
        cooldown.setId("cooldown");
        cooldown.setPrefColumnCount(5);
        cooldown.textProperty().bindBidirectional(model.cooldownSecondsProperty());
        Label cooldownLabel = new Label("Cooldown (seconds) after a 429 or failure:");
        HBox cooldownRow = new HBox(8, cooldownLabel, cooldown);
        cooldownRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        Label groupsError = Forms.errorLabel(model.groupsErrorProperty());
        groupsError.setId("groups-error");
        Label newGroupError = Forms.errorLabel(model.newGroupErrorProperty());
        newGroupError.setId("new-group-error");
        Label cooldownError = Forms.errorLabel(model.cooldownErrorProperty());
        cooldownError.setId("cooldown-error");

        VBox content = new VBox(8,
                Forms.hint("Clients ask for a model group by name. When its provider answers 429 or fails, the groups "
                        + "it falls back to are tried in order. Double-click a cell to edit it."),
                table, groupsError, new HBox(6, remove), addRow, newGroupError, cooldownRow, cooldownError);
        content.setPadding(new Insets(16));
        setContent(content);
    }

    private static TableColumn<ModelGroupRow, String> column(String title, double width,
            java.util.function.Function<ModelGroupRow, javafx.beans.property.StringProperty> property) {
        TableColumn<ModelGroupRow, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> property.apply(cell.getValue()));
        column.setCellFactory(TextFieldTableCell.forTableColumn());
        column.setOnEditCommit(edit -> property.apply(edit.getRowValue()).set(edit.getNewValue()));
        return column;
    }
}
