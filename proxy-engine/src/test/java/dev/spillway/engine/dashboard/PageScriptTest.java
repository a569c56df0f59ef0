package dev.spillway.engine.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's script parses ({@code node --check}), and stays within what JavaFX 21's WebView runs. Starting a
 * browser would take longer than all other tests together, so this is the light check; it is skipped, saying why,
 * only where Node.js is not installed.
 */
class PageScriptTest {

    @TempDir
    Path temp;

    private static String resource(String name) throws IOException {
        try (InputStream in = PageScriptTest.class.getResourceAsStream("/dev/spillway/engine/dashboard/web/" + name)) {
            assertThat(in).as(name + " on the classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Optional<Path> node() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator))
                .map(dir -> Path.of(dir, "node"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    @Test
    void theScriptParses() throws Exception {
        Optional<Path> node = node();
        assumeTrue(node.isPresent(), "Node.js is not on PATH: the dashboard script's syntax check is skipped");
        Path script = temp.resolve("app.js");
        Files.writeString(script, resource("app.js"));

        Process check = new ProcessBuilder(node.get().toString(), "--check", script.toString())
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(output).isZero();
    }

    /** Top-level await, CSS nesting and optional chaining are newer than some WebKit builds JavaFX ships. */
    @Test
    void thePageAvoidsFeaturesTooNewForJavaFxWebView() throws Exception {
        String script = resource("app.js");
        String css = resource("app.css");

        assertThat(script).doesNotContain("?.").doesNotContain("??").doesNotContainPattern("(?m)^await ");
        assertThat(script).as("no HTML built from data").doesNotContain("innerHTML");
        assertThat(css).doesNotContainPattern("\\{[^}]*&");
    }

    @Test
    void everyFileThePageLoadsIsServed() throws Exception {
        String page = resource("index.html");

        assertThat(page).contains("src=\"/ui/app.js\"", "href=\"/ui/app.css\"");
        assertThat(page).doesNotContain("http://", "https://");
    }
}
