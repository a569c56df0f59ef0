package dev.spillway.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.spillway.engine.secrets.FileSecretStore;
import dev.spillway.engine.secrets.SecretStores;
import dev.spillway.simulators.AnthropicReply;
import dev.spillway.simulators.AnthropicSimulator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spillway serve} as a real process: it logs where it listens, serves, and stops cleanly on SIGTERM. */
class ServeCommandTest {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

    @TempDir
    Path dir;

    private static Process spillway(String... args) throws Exception {
        return spillway(Map.of(), args);
    }

    private static Process spillway(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SpillwayCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return builder.start();
    }

    @Test
    void servesUntilSigtermThenStopsCleanly() throws Exception {
        try (AnthropicSimulator anthropic = AnthropicSimulator.start()) {
            anthropic.setDefaultReply(AnthropicReply.text("served by the CLI"));
            Path config = dir.resolve("config.yaml");
            Files.writeString(config, """
                    model_list:
                      - model_name: "claude-*"
                        litellm_params: {model: "anthropic/*", api_base: %s}
                    """.formatted(anthropic.baseUrl()));
            Process process = spillway("serve", "--config", config.toString(), "--port", "0",
                    "--data-dir", dir.resolve("data").toString());
            BufferedReader log = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));

            URI url = listeningUrl(log);
            assertThat(url.getHost()).isEqualTo("127.0.0.1");

            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.resolve("/v1/messages"))
                    .header("x-api-key", "sk-ant-api03-spillway-test-cli")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":5,"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.body()).contains("served by the CLI");

            process.toHandle().destroy(); // SIGTERM, leaving the output stream open to read the last lines
            String rest = log.lines().reduce("", (a, b) -> a + b + "\n");
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(rest).contains("Stopped");
            assertThat(process.exitValue()).isIn(0, 143);
        }
    }

    private static URI listeningUrl(BufferedReader log) throws Exception {
        URI url = null;
        for (String line; url == null && (line = log.readLine()) != null; ) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                url = URI.create(m.group(1));
            }
        }
        assertThat(url).as("the log line with the URL").isNotNull();
        return url;
    }

    @Test
    void withoutConfigItServesTheDesktopAppsConfigWithKeysFromTheKeyStore() throws Exception {
        assumeFalse(onPath("secret-tool"), "keys would be looked up in the Secret Service, not the file");
        try (AnthropicSimulator anthropic = AnthropicSimulator.start()) {
            anthropic.setDefaultReply(AnthropicReply.text("served from the user's config"));
            Path configHome = dir.resolve("xdg-config");
            Path appDir = Files.createDirectories(configHome.resolve("spillway"));
            Files.writeString(appDir.resolve("config.yaml"), """
                    model_list:
                      - model_name: "claude-*"
                        litellm_params: {model: "anthropic/*", api_base: %s, api_key: os.environ/SPILLWAY_CLI_TEST_KEY}
                    spillway_settings: {port: 0, notifications: false}
                    """.formatted(anthropic.baseUrl()));
            new FileSecretStore(appDir.resolve(SecretStores.FILE_NAME)).put("SPILLWAY_CLI_TEST_KEY", "sk-ant-test-key");

            Process process = spillway(Map.of("XDG_CONFIG_HOME", configHome.toString()), "serve",
                    "--data-dir", dir.resolve("data").toString());
            try {
                BufferedReader log = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                URI url = listeningUrl(log);
                assertThat(url.getPort()).isNotEqualTo(47000);

                HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                url.resolve("/v1/messages"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":5,"
                                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.body()).contains("served from the user's config");
                assertThat(anthropic.takeRequest().header("x-api-key")).isEqualTo("sk-ant-test-key");
            } finally {
                process.destroy();
                assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }

    @Test
    void aBrokenConfigStopsStartupWithTheKeyPath() throws Exception {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, """
                model_list:
                  - model_name: claude-sonnet
                    litellm_params: {model: anthropic/claude-sonnet-4-5, timeout: soon}
                """);

        Process process = spillway("serve", "--config", config.toString(), "--port", "0",
                "--data-dir", dir.resolve("data").toString());
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(output).contains("model_list[0].litellm_params.timeout");
    }

    @Test
    void aMissingConfigFileIsNamed() throws Exception {
        Process process = spillway("serve", "--config", dir.resolve("nope.yaml").toString());
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(output).contains("config file not found").contains("nope.yaml");
    }

    @Test
    void refusesANetworkAddressWithoutAMasterKey() {
        assertThat(SpillwayCli.run("serve", "--host", "0.0.0.0", "--port", "0", "--data-dir",
                dir.resolve("data").toString())).isEqualTo(1);
    }
}
