package dev.spillway.app;

import dev.spillway.engine.claudecode.ClaudeCodeFiles;
import dev.spillway.engine.claudecode.ClaudeCodeIntegration;
import dev.spillway.engine.secrets.FileSecretStore;
import dev.spillway.ui.settings.SettingsStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A user's settings in a temporary folder, a config served by a simulator, and a client for the proxy. */
final class TestApp {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TestApp() {}

    static SettingsStore store(Path dir) {
        return new SettingsStore(dir.resolve("config").resolve("config.yaml"),
                new FileSecretStore(dir.resolve("config").resolve("secrets.json")), Map.of());
    }

    /** A config whose Claude models all go to {@code anthropic}, on {@code port}. */
    static void writeConfig(SettingsStore store, URI anthropic, int port) throws IOException {
        writeConfig(store, """
                # written by the test
                model_list:
                  - model_name: "claude-*"
                    litellm_params: {model: "anthropic/*", api_base: %s}
                spillway_settings:
                  port: %d
                """.formatted(anthropic, port));
    }

    /**
     * Claude models to {@code anthropic}, falling back at the first failure to the group {@code backup} (same upstream)
     * for 60 s; {@code more} is appended (e.g. {@code general_settings}).
     */
    static void writeFallbackConfig(SettingsStore store, URI anthropic, int port, String more) throws IOException {
        writeConfig(store, """
                # written by the test
                model_list:
                  - model_name: "claude-*"
                    litellm_params: {model: "anthropic/*", api_base: %1$s}
                  - model_name: backup
                    litellm_params: {model: anthropic/claude-haiku-4-5, api_base: %1$s}
                router_settings:
                  fallbacks: [{"claude-*": [backup]}]
                  allowed_fails: 0
                  cooldown_time: 60
                spillway_settings:
                  port: %2$d
                """.formatted(anthropic, port) + more);
    }

    /** A user home with an empty {@code ~/.claude}, whose Claude Code settings no other layer overrides. */
    static SettingsWindows.UserHome userHome(Path home) throws IOException {
        Files.createDirectories(home.resolve(".claude"));
        ClaudeCodeFiles claudeFiles = ClaudeCodeFiles.forUser(home, home, Map.of()).withOverrides(List.of(), List.of());
        return new SettingsWindows.UserHome(home, Map.of(), new ClaudeCodeIntegration(claudeFiles, Map.of()),
                Optional.empty());
    }

    static void writeConfig(SettingsStore store, String yaml) throws IOException {
        Files.createDirectories(store.file().getParent());
        Files.writeString(store.file(), yaml);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A streamed request, read to its end. */
    static String askStreaming(URI proxy, String model) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(proxy.resolve("/v1/messages"))
                .header("x-api-key", "sk-ant-test-key")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"max_tokens\":5,"
                        + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    static HttpResponse<String> ask(URI proxy, String model) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(proxy.resolve("/v1/messages"))
                .header("x-api-key", "sk-ant-test-key")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"max_tokens\":5,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
