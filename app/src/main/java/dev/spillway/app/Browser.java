package dev.spillway.app;

import java.awt.Desktop;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens a web page in the user's browser (the AWS SSO approval page). */
final class Browser {

    private static final Logger log = LoggerFactory.getLogger(Browser.class);

    private Browser() {}

    static void open(URI page) {
        try {
            if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                Desktop.getDesktop().browse(page);
                return;
            }
            String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            List<String> command = os.startsWith("mac") ? List.of("open", page.toString())
                    : os.startsWith("windows") ? List.of("rundll32", "url.dll,FileProtocolHandler", page.toString())
                    : List.of("xdg-open", page.toString());
            new ProcessBuilder(command).inheritIO().start();
        } catch (IOException | RuntimeException e) {
            log.warn("Could not open a browser ({}); open {} yourself", e.getMessage(), page);
        }
    }
}
