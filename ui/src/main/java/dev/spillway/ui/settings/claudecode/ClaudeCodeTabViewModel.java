package dev.spillway.ui.settings.claudecode;

import dev.spillway.engine.claudecode.ClaudeCodeIntegration;
import dev.spillway.engine.claudecode.Conflict;
import dev.spillway.engine.config.ConfigDocument;
import dev.spillway.engine.config.SpillwayConfig;
import dev.spillway.ui.settings.SettingsTabViewModel;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One switch that points Claude Code at Spillway (its user settings' {@code env.ANTHROPIC_BASE_URL}) or takes that
 * back, showing beforehand exactly what it will change. Claude Code keeps its own login; on 127.0.0.1 Spillway accepts
 * it as the caller's credential.
 */
public final class ClaudeCodeTabViewModel implements SettingsTabViewModel {

    private final ClaudeCodeIntegration claude;
    private final BooleanProperty enabled = new SimpleBooleanProperty(false);
    private final StringProperty status = new SimpleStringProperty("");
    private final ObservableList<String> plan = FXCollections.observableArrayList();
    private URI proxyUrl = URI.create("http://127.0.0.1:47000");
    private boolean wasEnabled;

    public ClaudeCodeTabViewModel(ClaudeCodeIntegration claude) {
        this.claude = claude;
        enabled.addListener((o, was, now) -> updatePlan());
    }

    @Override
    public void setValues(ConfigDocument config) {
        proxyUrl = urlOf(config.get("spillway_settings", "host").orElse("127.0.0.1"),
                config.get("spillway_settings", "port").orElse("47000"));
        ClaudeCodeIntegration.State state = claude.state();
        wasEnabled = state.status() == ClaudeCodeIntegration.Status.CONFIGURED;
        enabled.set(wasEnabled);
        status.set(describe(state));
        updatePlan();
    }

    /** Clients on this machine reach a proxy bound to all addresses through loopback. */
    static URI urlOf(String host, String port) {
        String reachable = host.equals("0.0.0.0") || host.equals("::") || host.equals("localhost") ? "127.0.0.1" : host;
        return URI.create("http://" + (reachable.contains(":") ? "[" + reachable + "]" : reachable) + ":" + port);
    }

    private String describe(ClaudeCodeIntegration.State state) {
        return switch (state.status()) {
            case CONFIGURED -> "Claude Code uses Spillway (" + state.baseUrl().orElse("?") + ", set in "
                    + state.settingsFile() + ").";
            case NOT_CONFIGURED -> "Claude Code calls Anthropic directly.";
            case CONFIGURED_ELSEWHERE -> "Claude Code's ANTHROPIC_BASE_URL is " + state.baseUrl().orElse("?")
                    + ", set by someone else in " + state.settingsFile() + "; turning this on replaces it (and "
                    + "turning it off later puts it back).";
        };
    }

    private void updatePlan() {
        List<String> lines = new ArrayList<>();
        if (enabled.get()) {
            try {
                lines.addAll(claude.plan(proxyUrl, Optional.empty()));
            } catch (RuntimeException e) {
                lines.add("Cannot read Claude Code's settings: " + e.getMessage());
            }
        } else if (wasEnabled) {
            lines.add("restore " + claude.state().settingsFile() + " as it was before Spillway changed it");
        } else {
            for (Conflict conflict : claude.state().conflicts()) {
                lines.add("note: " + conflict);
            }
        }
        plan.setAll(lines);
    }

    @Override
    public boolean validate() {
        return true;
    }

    @Override
    public void storeSettings(ConfigDocument config) {
        proxyUrl = urlOf(config.get("spillway_settings", "host").orElse("127.0.0.1"),
                config.get("spillway_settings", "port").orElse("47000"));
    }

    @Override
    public void afterSave(SpillwayConfig saved) {
        try {
            if (enabled.get()) {
                claude.configure(proxyUrl, Optional.empty());
            } else if (wasEnabled) {
                claude.remove();
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException("Claude Code's settings could not be changed: " + e.getMessage(), e);
        }
        ClaudeCodeIntegration.State state = claude.state();
        wasEnabled = state.status() == ClaudeCodeIntegration.Status.CONFIGURED;
        status.set(describe(state));
        updatePlan();
    }

    /** The switch. */
    public BooleanProperty enabledProperty() {
        return enabled;
    }

    public StringProperty statusProperty() {
        return status;
    }

    /** What saving will change, one line each (and warnings about what would defeat it). */
    public ObservableList<String> plan() {
        return plan;
    }
}
