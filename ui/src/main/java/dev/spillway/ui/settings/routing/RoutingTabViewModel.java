package dev.spillway.ui.settings.routing;

import dev.spillway.engine.config.ConfigDocument;
import dev.spillway.ui.settings.SettingsTabViewModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Model groups, the model each calls and their fallback order, and how long a failing deployment cools down. Saved
 * into {@code model_list} and {@code router_settings}; the running engine takes them without a restart.
 */
public final class RoutingTabViewModel implements SettingsTabViewModel {

    static final List<String> PROVIDERS = List.of("anthropic", "bedrock", "openai", "openrouter", "groq",
            "deepseek", "ollama");

    private final ObservableList<ModelGroupRow> groups = FXCollections.observableArrayList();
    private final StringProperty cooldownSeconds = new SimpleStringProperty("60");
    private final StringProperty cooldownError = new SimpleStringProperty("");
    private final StringProperty groupsError = new SimpleStringProperty("");
    private final StringProperty newName = new SimpleStringProperty("");
    private final StringProperty newModel = new SimpleStringProperty("");
    private final StringProperty newGroupError = new SimpleStringProperty("");

    @Override
    public void setValues(ConfigDocument config) {
        Map<String, List<String>> fallbacks = config.fallbacks();
        Map<String, String> models = new LinkedHashMap<>();
        config.deployments().forEach(d -> models.putIfAbsent(d.modelName(), d.model()));
        List<ModelGroupRow> rows = new ArrayList<>();
        models.forEach((group, model) -> rows.add(new ModelGroupRow(group, group, model,
                String.join(", ", fallbacks.getOrDefault(group, List.of())))));
        groups.setAll(rows);
        cooldownSeconds.set(config.get("router_settings", "cooldown_time").orElse("60"));
        cooldownError.set("");
        groupsError.set("");
        newGroupError.set("");
    }

    /** Adds the group typed into the "new group" fields, if they are valid. */
    public boolean addGroup() {
        String name = newName.get().trim();
        String model = newModel.get().trim();
        Optional<String> problem = nameProblem(name, null).or(() -> modelProblem(model));
        newGroupError.set(problem.orElse(""));
        if (problem.isPresent()) {
            return false;
        }
        groups.add(new ModelGroupRow(null, name, model, ""));
        newName.set("");
        newModel.set("");
        return true;
    }

    public void removeGroup(ModelGroupRow row) {
        groups.remove(row);
    }

    @Override
    public boolean validate() {
        String cooldown = cooldownSeconds.get().trim();
        cooldownError.set(cooldown.matches("[0-9]{1,6}") ? "" : "Seconds, a whole number (0 or more).");
        List<String> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ModelGroupRow row : groups) {
            String name = row.nameProperty().get().trim();
            nameProblem(name, row).ifPresent(p -> problems.add(name + ": " + p));
            modelProblem(row.modelProperty().get().trim()).ifPresent(p -> problems.add(name + ": " + p));
            names.add(name);
        }
        for (ModelGroupRow row : groups) {
            String name = row.nameProperty().get().trim();
            for (String target : targets(row)) {
                if (target.equals(name)) {
                    problems.add(name + ": a group cannot fall back to itself.");
                } else if (!names.contains(target)) {
                    problems.add(name + ": falls back to '" + target + "', which is not a group here.");
                }
            }
        }
        groupsError.set(String.join("\n", problems));
        return cooldownError.get().isEmpty() && problems.isEmpty();
    }

    private Optional<String> nameProblem(String name, ModelGroupRow self) {
        if (name.isEmpty()) {
            return Optional.of("a group needs a name (the model name clients send).");
        }
        if (name.contains(",") || !name.equals(name.strip()) || name.contains(" ")) {
            return Optional.of("a group name has no spaces or commas.");
        }
        boolean duplicate = groups.stream().anyMatch(r -> r != self && r.nameProperty().get().trim().equals(name));
        return duplicate ? Optional.of("there is already a group called " + name + ".") : Optional.empty();
    }

    private static Optional<String> modelProblem(String model) {
        int slash = model.indexOf('/');
        if (slash <= 0 || slash == model.length() - 1) {
            return Optional.of("the model is provider/model, e.g. openai/gpt-4o.");
        }
        String provider = model.substring(0, slash);
        return PROVIDERS.contains(provider) ? Optional.empty()
                : Optional.of("unknown provider '" + provider + "' (one of " + String.join(", ", PROVIDERS) + ").");
    }

    private static List<String> targets(ModelGroupRow row) {
        return Arrays.stream(row.fallbacksProperty().get().split(",")).map(String::trim)
                .filter(t -> !t.isEmpty()).toList();
    }

    @Override
    public void storeSettings(ConfigDocument config) {
        Set<String> kept = new HashSet<>();
        groups.stream().map(ModelGroupRow::originalName).filter(n -> n != null).forEach(kept::add);
        for (String existing : config.groups()) {
            if (!kept.contains(existing)) {
                config.removeGroup(existing);
            }
        }
        for (ModelGroupRow row : groups) {
            String name = row.nameProperty().get().trim();
            String model = row.modelProperty().get().trim();
            if (row.originalName() == null) {
                config.addDeployment(name, model);
            } else {
                renameAndRepoint(config, row.originalName(), name, model);
            }
        }
        for (String group : config.fallbacks().keySet()) {
            config.setFallbacks(group, List.of());
        }
        for (ModelGroupRow row : groups) {
            config.setFallbacks(row.nameProperty().get().trim(), targets(row));
        }
        config.set(Integer.parseInt(cooldownSeconds.get().trim()), "router_settings", "cooldown_time");
    }

    /** The group's first deployment gets the new model (others, e.g. extra keys, are left alone). */
    private static void renameAndRepoint(ConfigDocument config, String original, String name, String model) {
        boolean first = true;
        for (ConfigDocument.Deployment d : config.deployments()) {
            if (!d.modelName().equals(original)) {
                continue;
            }
            if (!name.equals(original)) {
                d.setModelName(name);
            }
            if (first && !model.equals(d.model())) {
                d.setParam("model", model);
            }
            first = false;
        }
    }

    public ObservableList<ModelGroupRow> groups() {
        return groups;
    }

    public StringProperty cooldownSecondsProperty() {
        return cooldownSeconds;
    }

    public StringProperty cooldownErrorProperty() {
        return cooldownError;
    }

    /** Problems with the groups, one per line. */
    public StringProperty groupsErrorProperty() {
        return groupsError;
    }

    public StringProperty newNameProperty() {
        return newName;
    }

    public StringProperty newModelProperty() {
        return newModel;
    }

    public StringProperty newGroupErrorProperty() {
        return newGroupError;
    }
}
