package dev.spillway.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.app.tray.TrayIconState;
import dev.spillway.app.tray.TrayMenu;
import java.awt.AWTEvent;
import java.awt.CheckboxMenuItem;
import java.awt.EventQueue;
import java.awt.Image;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.Toolkit;
import java.awt.TrayIcon;
import java.awt.event.ActionEvent;
import java.awt.event.ItemEvent;
import java.awt.image.PixelGrabber;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * The app's icon in the real system tray, read and worked through AWT on AWT's event thread: menu clicks arrive as
 * the tray host's clicks do, as events on AWT's event queue.
 */
final class RealTray {

    private final TrayIcon icon;

    private RealTray(TrayIcon icon) {
        this.icon = icon;
    }

    /** The tray's icons now: Spillway's, if it has been added. */
    static Optional<RealTray> spillwaysIcon() {
        return onAwt(() -> Arrays.stream(SystemTray.getSystemTray().getTrayIcons())
                .filter(icon -> icon.getPopupMenu() != null && item(icon.getPopupMenu(), TrayMenu.QUIT).isPresent())
                .findFirst().map(RealTray::new));
    }

    static int iconCount() {
        return onAwt(() -> SystemTray.getSystemTray().getTrayIcons().length);
    }

    /** Which state's picture the icon holds, compared pixel by pixel with each state's icon file. */
    Optional<TrayIconState> image() {
        int[] shown = pixels(onAwt(icon::getImage));
        int size = onAwt(() -> SystemTray.getSystemTray().getTrayIconSize().height);
        return Arrays.stream(TrayIconState.values())
                .filter(state -> Arrays.equals(shown, pixels(Toolkit.getDefaultToolkit().getImage(
                        RealTray.class.getResource(state.resource(size))))))
                .findFirst();
    }

    String tooltip() {
        return onAwt(icon::getToolTip);
    }

    String statusLine() {
        return onAwt(() -> icon.getPopupMenu().getItem(0).getLabel());
    }

    /** The disabled second line under the status line, when the menu has one. */
    Optional<String> detail() {
        return onAwt(() -> {
            MenuItem second = icon.getPopupMenu().getItem(1);
            return second.isEnabled() || second.getLabel().isEmpty() || second.getLabel().equals("-")
                    ? Optional.<String>empty() : Optional.of(second.getLabel());
        });
    }

    boolean isEnabled(String label) {
        return onAwt(() -> menuItem(label).isEnabled());
    }

    /** Chooses the enabled item {@code label}, as a click in the tray host's menu does. */
    void click(String label) {
        MenuItem item = onAwt(() -> menuItem(label));
        assertThat(isEnabled(label)).as("\"%s\" is enabled", label).isTrue();
        post(new ActionEvent(item, ActionEvent.ACTION_PERFORMED, item.getActionCommand()));
    }

    /** Ticks or unticks the check item {@code label}, as a click in the tray host's menu does. */
    void toggle(String label) {
        CheckboxMenuItem item = (CheckboxMenuItem) onAwt(() -> menuItem(label));
        assertThat(isEnabled(label)).as("\"%s\" is enabled", label).isTrue();
        boolean ticked = onAwt(() -> {
            item.setState(!item.getState());
            return item.getState();
        });
        post(new ItemEvent(item, ItemEvent.ITEM_STATE_CHANGED, label,
                ticked ? ItemEvent.SELECTED : ItemEvent.DESELECTED));
    }

    boolean isTicked(String label) {
        return onAwt(() -> ((CheckboxMenuItem) menuItem(label)).getState());
    }

    private MenuItem menuItem(String label) {
        return item(icon.getPopupMenu(), label)
                .orElseThrow(() -> new AssertionError("the tray menu has no \"" + label + "\""));
    }

    private static Optional<MenuItem> item(PopupMenu menu, String label) {
        return IntStream.range(0, menu.getItemCount()).mapToObj(menu::getItem)
                .filter(item -> label.equals(item.getLabel())).findFirst();
    }

    private static void post(AWTEvent event) {
        Toolkit.getDefaultToolkit().getSystemEventQueue().postEvent(event);
    }

    private static int[] pixels(Image image) {
        PixelGrabber grabber = new PixelGrabber(image, 0, 0, -1, -1, true);
        try {
            if (!grabber.grabPixels(10_000)) {
                throw new AssertionError("the icon's image did not load");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return (int[]) grabber.getPixels();
    }

    private static <T> T onAwt(Supplier<T> read) {
        AtomicReference<T> result = new AtomicReference<>();
        try {
            EventQueue.invokeAndWait(() -> result.set(read.get()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (InvocationTargetException e) {
            throw new AssertionError(e.getCause());
        }
        return result.get();
    }
}
