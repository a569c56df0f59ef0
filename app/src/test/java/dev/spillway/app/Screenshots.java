package dev.spillway.app;

import dev.spillway.engine.secrets.FileSecretStore;
import dev.spillway.simulators.AnthropicReply;
import dev.spillway.simulators.AnthropicSimulator;
import dev.spillway.simulators.BedrockReply;
import dev.spillway.simulators.BedrockSimulator;
import dev.spillway.ui.settings.SettingsStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.TabPane;
import javafx.scene.image.WritableImage;
import javafx.scene.web.WebView;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;

/**
 * Takes the README's screenshots from the real app (scripts/screenshots.sh runs this): a temporary home, simulated
 * Anthropic and Bedrock upstreams, some traffic including a 429 that fails over, then the settings tabs, the
 * dashboard and the status window, each saved as a PNG.
 */
public final class Screenshots {

    private Screenshots() {}

    public static void main(String[] args) throws Exception {
        Path out = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "docs/screenshots"));
        Path dir = Files.createTempDirectory("spillway-screenshots");
        try (AnthropicSimulator anthropic = AnthropicSimulator.start();
                BedrockSimulator bedrock = BedrockSimulator.start()) {
            DesktopApp app = startApp(dir, anthropic, bedrock);
            URI proxy = waitFor(() -> app.engine().state().baseUrl().orElse(null));
            traffic(proxy, anthropic, bedrock);

            app.openDashboard();
            WebView web = waitFor(() -> lookup("#dashboard-web", WebView.class));
            waitFor(() -> onFx(() -> String.valueOf(web.getEngine().executeScript(
                    "document.querySelectorAll('#requests tr').length"))).equals("14") ? true : null);
            Stage dashboard = windowTitled("Spillway dashboard");
            onFx(() -> {
                dashboard.setHeight(1480); // the whole page, spend chart included
                return null;
            });
            Thread.sleep(2000); // relayout and the chart's data
            snapshot(dashboard, out.resolve("dashboard.png"));

            app.refresh();
            Thread.sleep(500);
            snapshot(windowTitled("Spillway"), out.resolve("status-window.png"));

            app.openSettings();
            TabPane tabs = waitFor(() -> lookup("#settings-tabs", TabPane.class));
            for (String[] tab : new String[][] {{"providers-tab", "settings-providers.png"},
                    {"aws-tab", "settings-aws.png"}, {"routing-tab", "settings-routing.png"},
                    {"proxy-tab", "settings-proxy.png"}, {"claude-code-tab", "settings-claude-code.png"}}) {
                onFx(() -> {
                    tabs.getTabs().stream().filter(t -> t.getId().equals(tab[0])).findFirst()
                            .ifPresent(t -> tabs.getSelectionModel().select(t));
                    return null;
                });
                Thread.sleep(200);
                onFx(() -> {
                    // show the interesting states: an SSO profile to sign in with, the Claude Code switch turned on
                    if (tab[0].equals("aws-tab")) {
                        find("#aws-profile", javafx.scene.control.ComboBox.class).setValue("work");
                    } else if (tab[0].equals("claude-code-tab")) {
                        find("#claude-code-enabled", javafx.scene.control.CheckBox.class).setSelected(true);
                    }
                    return null;
                });
                Thread.sleep(300);
                snapshot(windowTitled("Spillway settings"), out.resolve(tab[1]));
            }
            app.shutdown();
        }
        Platform.exit();
        System.out.println("Screenshots written to " + out.toAbsolutePath());
        System.exit(0);
    }

    private static DesktopApp startApp(Path dir, AnthropicSimulator anthropic, BedrockSimulator bedrock)
            throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/config"), """
                [default]
                region = us-east-1

                [profile work]
                sso_session = company
                sso_account_id = 111122223333
                sso_role_name = Developer
                region = us-east-1

                [sso-session company]
                sso_region = us-east-1
                sso_start_url = https://example.awsapps.com/start
                """);
        SettingsStore store = new SettingsStore(home.resolve(".config/spillway/config.yaml"),
                new FileSecretStore(home.resolve(".config/spillway/secrets.json")), Map.of());
        store.secrets().put("SCREENSHOT_AWS_SECRET", BedrockSimulator.TEST_SECRET_ACCESS_KEY);
        store.secrets().put("OPENAI_API_KEY", "sk-test-openai-key");
        Files.createDirectories(store.file().getParent());
        Files.writeString(store.file(), """
                model_list:
                  - model_name: claude-sonnet
                    litellm_params: {model: anthropic/claude-sonnet-4-5-20250929, api_base: %1$s}
                  - model_name: claude-haiku
                    litellm_params: {model: anthropic/claude-haiku-4-5-20251001, api_base: %1$s}
                  - model_name: claude-opus
                    litellm_params: {model: anthropic/claude-opus-4-5-20251101, api_base: %1$s}
                  - model_name: bedrock/claude-sonnet
                    litellm_params:
                      model: bedrock/claude-sonnet-4-5-20250929
                      api_base: %2$s
                      aws_region_name: us-east-1
                      aws_access_key_id: %3$s
                      aws_secret_access_key: os.environ/SCREENSHOT_AWS_SECRET
                  - model_name: gpt-4o
                    litellm_params: {model: openai/gpt-4o, api_key: os.environ/OPENAI_API_KEY}
                router_settings:
                  fallbacks: [{"claude-sonnet": ["bedrock/claude-sonnet"]}]
                  cooldown_time: 60
                spillway_settings: {port: %4$d, notifications: true}
                """.formatted(anthropic.baseUrl(), bedrock.baseUrl(), BedrockSimulator.TEST_ACCESS_KEY_ID,
                TestApp.freePort()));
        SettingsWindows.UserHome user = TestApp.userHome(home);

        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Platform.setImplicitExit(false);
        return onFx(() -> {
            DesktopApp app = new DesktopApp(store, dir.resolve("data"), user, () -> { });
            app.start(false);
            return app;
        });
    }

    private static void traffic(URI proxy, AnthropicSimulator anthropic, BedrockSimulator bedrock) throws Exception {
        String[][] requests = {{"claude-sonnet", "4200", "900"}, {"claude-haiku", "800", "120"},
            {"claude-sonnet", "12000", "2400"}, {"claude-opus", "6000", "1500"}, {"claude-sonnet", "3100", "640"},
            {"claude-haiku", "1500", "300"}, {"claude-sonnet", "9800", "1800"}, {"claude-opus", "2500", "700"},
            {"claude-haiku", "600", "90"}, {"claude-sonnet", "5400", "1100"}, {"claude-sonnet", "7000", "1300"},
            {"claude-haiku", "900", "150"}};
        for (String[] r : requests) {
            anthropic.enqueue(AnthropicReply.text("ok").withUsage(Integer.parseInt(r[1]), Integer.parseInt(r[2]),
                    0, 0));
            TestApp.ask(proxy, r[0]);
        }
        for (int i = 0; i < 2; i++) {
            anthropic.enqueue(AnthropicReply.rateLimited(60));
            bedrock.enqueue(BedrockReply.text("served by Bedrock"));
            TestApp.ask(proxy, "claude-sonnet");
        }
    }

    private static <T> T lookup(String selector, Class<T> type) {
        return onFx(() -> find(selector, type));
    }

    /** On the JavaFX thread only. */
    @SuppressWarnings("unchecked")
    private static <T> T find(String selector, Class<T> type) {
        return Window.getWindows().stream().filter(Window::isShowing)
                .map(w -> w.getScene().lookup(selector)).filter(type::isInstance).map(n -> (T) n).findFirst()
                .orElse(null);
    }

    private static Stage windowTitled(String title) {
        return onFx(() -> Window.getWindows().stream().filter(w -> w instanceof Stage s && title.equals(s.getTitle()))
                .map(Stage.class::cast).findFirst().orElseThrow(() -> new IllegalStateException("no window " + title)));
    }

    private static void snapshot(Stage stage, Path file) throws IOException {
        WritableImage image = onFx(() -> stage.getScene().snapshot(null));
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        System.out.println("wrote " + file);
    }

    private static <T> T onFx(Supplier<T> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(action.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result.join();
    }

    private static <T> T waitFor(Supplier<T> probe) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("timed out waiting");
    }
}
