package dev.spillway.app.tray;

import dev.spillway.app.AppActions;
import java.awt.AWTException;
import java.awt.CheckboxMenuItem;
import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.Image;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.Toolkit;
import java.awt.TrayIcon;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The tray icon and its menu, through AWT's {@link SystemTray}: the only AWT class in the app. All AWT calls run on
 * AWT's event thread.
 */
public final class SystemTrayView implements TrayView {

    private final AppActions actions;
    private final Runnable bringForward;
    private final TrayIcon icon;
    private final Map<TrayIconState, Image> images = new EnumMap<>(TrayIconState.class);
    private final MenuItem status = new MenuItem();
    private final MenuItem detail = new MenuItem();
    private final MenuItem start = new MenuItem(TrayMenu.START);
    private final MenuItem stop = new MenuItem(TrayMenu.STOP);
    private final MenuItem dashboard = new MenuItem(TrayMenu.DASHBOARD);
    private final CheckboxMenuItem claudeCode = new CheckboxMenuItem(TrayMenu.CLAUDE_CODE);
    private final PopupMenu menu = new PopupMenu();

    private SystemTrayView(AppActions actions, Runnable bringForward, TrayIcon icon) {
        this.actions = actions;
        this.bringForward = bringForward;
        this.icon = icon;
    }

    /** Why this desktop cannot show a tray icon, if it cannot. */
    public static Optional<String> unsupportedReason() {
        if (GraphicsEnvironment.isHeadless()) {
            return Optional.of("there is no graphical display");
        }
        if (!SystemTray.isSupported()) {
            return Optional.of("this desktop has no system tray (on GNOME, the \"AppIndicator and KStatusNotifierItem "
                    + "Support\" extension adds one)");
        }
        return Optional.empty();
    }

    /**
     * Adds the icon to the tray; call only when {@link #unsupportedReason()} is empty.
     *
     * @throws IllegalStateException if the tray refuses the icon
     */
    public static SystemTrayView install(AppActions actions, Runnable openMainWindow, TrayMenu initial) {
        SystemTray tray = SystemTray.getSystemTray();
        int size = tray.getTrayIconSize().height;
        Map<TrayIconState, Image> images = new EnumMap<>(TrayIconState.class);
        for (TrayIconState state : TrayIconState.values()) {
            images.put(state, Toolkit.getDefaultToolkit().getImage(Objects.requireNonNull(
                    SystemTrayView.class.getResource(state.resource(size)), state.resource(size))));
        }
        TrayIcon icon = new TrayIcon(images.get(initial.icon()), initial.tooltip());
        icon.setImageAutoSize(true);
        SystemTrayView view = new SystemTrayView(actions, openMainWindow, icon);
        view.images.putAll(images);
        view.buildMenu();
        view.render(initial);
        icon.addActionListener(e -> openMainWindow.run());
        try {
            tray.add(icon);
        } catch (AWTException e) {
            throw new IllegalStateException("the system tray refused the icon (" + e.getMessage() + ")", e);
        }
        return view;
    }

    private void buildMenu() {
        status.setEnabled(false);
        detail.setEnabled(false);
        start.addActionListener(e -> actions.startProxy());
        stop.addActionListener(e -> actions.stopProxy());
        dashboard.addActionListener(e -> actions.openDashboard());
        MenuItem settings = new MenuItem(TrayMenu.SETTINGS);
        settings.addActionListener(e -> actions.openSettings());
        claudeCode.addItemListener(e -> actions.setClaudeCodeConfigured(claudeCode.getState()));
        MenuItem quit = new MenuItem(TrayMenu.QUIT);
        quit.addActionListener(e -> actions.quit());
        menu.add(status);
        menu.add(detail);
        menu.addSeparator();
        menu.add(start);
        menu.add(stop);
        menu.addSeparator();
        menu.add(dashboard);
        menu.add(settings);
        menu.add(claudeCode);
        menu.addSeparator();
        menu.add(quit);
        icon.setPopupMenu(menu);
    }

    @Override
    public void show(TrayMenu update) {
        EventQueue.invokeLater(() -> render(update));
    }

    private void render(TrayMenu update) {
        icon.setImage(images.get(update.icon()));
        icon.setToolTip(update.tooltip());
        status.setLabel(update.statusLine());
        detail.setLabel(update.detail().orElse(""));
        detail.setEnabled(false);
        if (update.detail().isEmpty()) {
            menu.remove(detail);
        } else if (menu.getItem(1) != detail) {
            menu.insert(detail, 1);
        }
        start.setEnabled(update.canStart());
        stop.setEnabled(update.canStop());
        dashboard.setEnabled(update.dashboardAvailable());
        claudeCode.setEnabled(update.claudeCodeConfigured().isPresent());
        claudeCode.setState(update.claudeCodeConfigured().orElse(false));
    }

    @Override
    public void notify(String title, String message) {
        EventQueue.invokeLater(() -> icon.displayMessage(title, message, TrayIcon.MessageType.INFO));
    }

    @Override
    public void bringForward() {
        bringForward.run();
    }

    @Override
    public void remove() {
        EventQueue.invokeLater(() -> SystemTray.getSystemTray().remove(icon));
    }
}
