package dev.spillway.app.tray;

/** Where the tray menu is shown: the system tray, or the status window on desktops without one. */
public interface TrayView {

    /** Shows {@code menu}; may be called from any thread. */
    void show(TrayMenu menu);

    /** A desktop notification (fail-over, recovery); may be called from any thread. */
    void notify(String title, String message);

    /** Brings the app's window forward (a second launch asked for it). */
    void bringForward();

    void remove();
}
