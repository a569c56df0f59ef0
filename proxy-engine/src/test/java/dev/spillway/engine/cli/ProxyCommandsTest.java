package dev.spillway.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.engine.Spillway;
import dev.spillway.engine.SpillwayOptions;
import dev.spillway.engine.config.ConfigLoader;
import dev.spillway.simulators.AnthropicReply;
import dev.spillway.simulators.AnthropicSimulator;
import dev.spillway.simulators.BedrockReply;
import dev.spillway.simulators.BedrockSimulator;
import dev.spillway.simulators.RecordedRequest;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** status, health, models and test-claude against a real gateway in front of the simulators. */
class ProxyCommandsTest {

    private static final String MASTER_KEY = "sk-spillway-test-master";

    @TempDir
    Path home;

    private final AnthropicSimulator anthropic = AnthropicSimulator.start();
    private final BedrockSimulator bedrock = BedrockSimulator.start();
    private Spillway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        anthropic.close();
        bedrock.close();
    }

    private String start(String generalSettings) {
        String yaml = """
                model_list:
                  - model_name: claude-haiku
                    litellm_params: {model: anthropic/claude-haiku-4-5-20251001, api_base: %1$s}
                    model_info: {id: anthropic-haiku}
                  - model_name: "claude-*"
                    litellm_params: {model: "anthropic/*", api_base: %1$s}
                    model_info: {id: anthropic}
                  - model_name: "bedrock/claude-*"
                    litellm_params:
                      model: "bedrock/*"
                      api_base: %2$s
                      aws_region_name: us-east-1
                      aws_access_key_id: %3$s
                      aws_secret_access_key: %4$s
                    model_info: {id: bedrock}
                router_settings:
                  fallbacks: [{"claude-*": ["bedrock/claude-*"]}]
                  num_retries: 0
                %5$s
                """.formatted(anthropic.baseUrl(), bedrock.baseUrl(), BedrockSimulator.TEST_ACCESS_KEY_ID,
                BedrockSimulator.TEST_SECRET_ACCESS_KEY, generalSettings);
        gateway = Spillway.start(ConfigLoader.withEnvironment(Map.of()).parse(yaml, Optional.empty()),
                SpillwayOptions.defaults().withPort(0).withShutdownGrace(Duration.ofSeconds(2)));
        return gateway.baseUrl().toString();
    }

    private static String closedPortUrl() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    @Test
    void statusHealthAndModelsOfARunningProxy() throws Exception {
        String url = start("");
        CliRun cli = new CliRun(home);

        CliRun.Result status = cli.run("status", "--url", url);
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.out()).contains("is running at " + url).contains("Deployments: 3 healthy, 0 cooling down");

        CliRun.Result health = cli.run("health", "--url", url);
        assertThat(health.exitCode()).as(health.toString()).isZero();
        assertThat(health.out()).contains("healthy       claude-haiku  anthropic-haiku  anthropic  " + anthropic.baseUrl())
                .contains("3 healthy, 0 cooling down");

        CliRun.Result models = cli.run("models", "--url", url);
        assertThat(models.exitCode()).isZero();
        assertThat(models.out()).isEqualTo("claude-haiku\tanthropic\n");
    }

    @Test
    void aMasterKeyIsTakenFromTheOptionOrTheEnvironment() throws Exception {
        String url = start("general_settings: {master_key: " + MASTER_KEY + "}");
        CliRun cli = new CliRun(home);

        CliRun.Result refused = cli.run("health", "--url", url);
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(refused.err()).contains("Pass --key or set SPILLWAY_MASTER_KEY");

        assertThat(cli.run("health", "--url", url, "--key", MASTER_KEY).exitCode()).isZero();
        cli.env.put("SPILLWAY_MASTER_KEY", MASTER_KEY);
        assertThat(cli.run("models", "--url", url).exitCode()).isZero();
        CliRun.Result status = cli.run("status", "--url", url);
        assertThat(status.out()).contains("3 healthy");
    }

    @Test
    void aStoppedProxyIsExitCodeThreeWithAdvice() throws Exception {
        CliRun cli = new CliRun(home);
        String url = closedPortUrl();

        for (String command : new String[] {"status", "health", "models", "test-claude"}) {
            CliRun.Result result = cli.run(command, "--url", url);
            assertThat(result.exitCode()).as(command + ": " + result).isEqualTo(ExitCodes.NOT_RUNNING);
            assertThat(result.err()).contains("./spillway serve");
        }
    }

    @Test
    void testClaudeUsesClaudeCodesOwnCredentialAndSaysWhoAnswered() throws Exception {
        String url = start("");
        anthropic.requireApiKey("sk-ant-api03-test-from-settings");
        anthropic.setDefaultReply(AnthropicReply.text("OK"));
        Path settings = Files.createDirectories(home.resolve(".claude")).resolve("settings.json");
        Files.writeString(settings, "{\"env\": {\"ANTHROPIC_API_KEY\": \"sk-ant-api03-test-from-settings\"}}");
        CliRun cli = new CliRun(home);
        cli.env.put("ANTHROPIC_API_KEY", "sk-ant-api03-test-shell-loses");

        CliRun.Result result = cli.run("test-claude", "--url", url);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("Credential: ANTHROPIC_API_KEY (as x-api-key)")
                .containsPattern("OK: claude-haiku-4-5-20251001 answered by anthropic \\(model group claude-\\*\\) "
                        + "in \\d+ ms: OK");
        RecordedRequest sent = anthropic.takeRequest();
        assertThat(sent.header("x-api-key")).isEqualTo("sk-ant-api03-test-from-settings");
    }

    @Test
    void testClaudeReportsTheBedrockFallback() throws Exception {
        String url = start("");
        anthropic.setDefaultReply(AnthropicReply.rateLimited(30));
        bedrock.setDefaultReply(BedrockReply.text("OK from Bedrock"));
        CliRun cli = new CliRun(home);
        cli.env.put("CLAUDE_CODE_OAUTH_TOKEN", "sk-ant-oat01-test-login");

        CliRun.Result result = cli.run("test-claude", "--url", url, "--model", "claude-sonnet-4-5-20250929");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("Credential: CLAUDE_CODE_OAUTH_TOKEN")
                .contains("answered by bedrock (model group bedrock/claude-*)").contains("OK from Bedrock");
        assertThat(anthropic.takeRequest().header("anthropic-beta")).contains("oauth-2025-04-20");
    }

    @Test
    void testClaudeReportsAFailedRequest() throws Exception {
        String url = start("");
        anthropic.requireApiKey("sk-ant-api03-test-right");
        CliRun cli = new CliRun(home);
        cli.env.put("ANTHROPIC_API_KEY", "sk-ant-api03-test-wrong");

        CliRun.Result result = cli.run("test-claude", "--url", url);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.err()).contains("failed with HTTP 401");
    }
}
