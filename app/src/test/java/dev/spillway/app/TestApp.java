package dev.spillway.app;

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
import java.util.Map;

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
