package dev.spillway.app.tray;

import java.util.Optional;

/**
 * Everything the tray menu (or the status window standing in for it) shows, worked out from the app's state by
 * {@link TrayMenuModel}. Plain data: the AWT tray and the JavaFX status window render the same menu.
 *
 * @param icon which icon to show
 * @param tooltip the icon's tooltip
 * @param statusLine first, disabled menu line, e.g. "Serving on :47000 · 12 requests · $0.42 today"
 * @param detail a second line when there is something to explain (a failure, groups on fallback), else empty
 * @param canStart whether "Start proxy" is enabled
 * @param canStop whether "Stop proxy" is enabled
 * @param dashboardAvailable whether "Open dashboard" is enabled (the dashboard is served by the running proxy)
 * @param claudeCodeConfigured the state of the "Configure Claude Code" check item, empty while it is unknown
 */
public record TrayMenu(TrayIconState icon, String tooltip, String statusLine, Optional<String> detail,
        boolean canStart, boolean canStop, boolean dashboardAvailable, Optional<Boolean> claudeCodeConfigured) {

    public static final String START = "Start proxy";
    public static final String STOP = "Stop proxy";
    public static final String DASHBOARD = "Open dashboard";
    public static final String SETTINGS = "Settings…";
    public static final String CLAUDE_CODE = "Configure Claude Code";
    public static final String QUIT = "Quit Spillway";
}
