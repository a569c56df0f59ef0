package dev.spillway.app;

import dev.spillway.app.tray.TrayIconState;
import java.awt.AWTException;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.SystemTray;
import java.awt.Toolkit;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * What the tray host really draws: a screen capture of the top of the screen (where the test's tray host is docked).
 * Each icon state is told by its own colour, the commonest opaque colour of its icon file found in no other state's
 * icon (the badge's), which the tray shows as often as the icon holds it.
 */
final class TrayOnScreen {

    private record OwnColour(int rgb, long count) {}

    private final Robot robot;
    private final Map<TrayIconState, OwnColour> colours;

    TrayOnScreen() throws AWTException {
        robot = new Robot();
        int size = SystemTray.getSystemTray().getTrayIconSize().height;
        Map<TrayIconState, Map<Integer, Long>> counts = new EnumMap<>(TrayIconState.class);
        for (TrayIconState state : TrayIconState.values()) {
            counts.put(state, opaqueColours(state.resource(size)));
        }
        colours = new EnumMap<>(TrayIconState.class);
        counts.forEach((state, own) -> own.entrySet().stream()
                .filter(colour -> counts.entrySet().stream()
                        .noneMatch(other -> other.getKey() != state && other.getValue().containsKey(colour.getKey())))
                .max(Map.Entry.comparingByValue())
                .ifPresent(colour -> colours.put(state, new OwnColour(colour.getKey(), colour.getValue()))));
        if (colours.size() != TrayIconState.values().length) {
            throw new IllegalStateException("some tray icon has no colour of its own: " + colours.keySet());
        }
    }

    /** The states whose icon is on the screen now (one, when the tray shows Spillway's icon and nothing else). */
    List<TrayIconState> shown() {
        int width = Toolkit.getDefaultToolkit().getScreenSize().width;
        BufferedImage top = robot.createScreenCapture(new Rectangle(0, 0, width, 32));
        Map<Integer, Long> onScreen = new HashMap<>();
        for (int y = 0; y < top.getHeight(); y++) {
            for (int x = 0; x < top.getWidth(); x++) {
                onScreen.merge(top.getRGB(x, y) & 0xFFFFFF, 1L, Long::sum);
            }
        }
        return colours.entrySet().stream()
                .filter(state -> onScreen.getOrDefault(state.getValue().rgb(), 0L) >= state.getValue().count())
                .map(Map.Entry::getKey).toList();
    }

    private static Map<Integer, Long> opaqueColours(String resource) {
        try (InputStream png = Objects.requireNonNull(TrayOnScreen.class.getResourceAsStream(resource), resource)) {
            BufferedImage image = ImageIO.read(png);
            Map<Integer, Long> counts = new HashMap<>();
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int argb = image.getRGB(x, y);
                    if (argb >>> 24 == 0xFF) {
                        counts.merge(argb & 0xFFFFFF, 1L, Long::sum);
                    }
                }
            }
            return counts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
