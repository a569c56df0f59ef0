package dev.spillway.app;

/** What the tray menu and the status window can ask the app to do. Each returns at once; work runs elsewhere. */
public interface AppActions {

    void startProxy();

    void stopProxy();

    void openDashboard();

    void openSettings();

    /** Configures Claude Code to use Spillway ({@code true}) or removes that configuration. */
    void setClaudeCodeConfigured(boolean configured);

    void quit();
}
