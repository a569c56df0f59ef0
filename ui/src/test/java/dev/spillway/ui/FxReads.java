package dev.spillway.ui;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.control.Label;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Reads what a window shows on the JavaFX thread, as the user would see it: read from the test thread, a label could
 * be caught halfway through an update that changes several of them in one go.
 */
public final class FxReads {

    private FxReads() {
    }

    /** The text of the label {@code query} finds. */
    public static String text(FxRobot robot, String query) {
        Label label = robot.lookup(query).queryAs(Label.class);
        return onFxThread(label::getText);
    }

    public static <T> T onFxThread(Supplier<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read::get).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not read from the JavaFX thread", e);
        }
    }
}
