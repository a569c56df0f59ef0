package dev.spillway.engine.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.engine.events.RequestEvent;
import dev.spillway.engine.spend.SpendStore;
import dev.spillway.simulators.AnthropicReply;
import dev.spillway.simulators.BedrockReply;
import dev.spillway.simulators.RecordedRequest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Claude Code CLI with a virtual key, on a master-keyed Spillway with the default config's shape. */
class ClaudeCodeVirtualKeyTest {

    private static final String MASTER_KEY = "sk-spillway-e2e-master";
    private static ClaudeCodeCli claude;

    @TempDir
    Path home;
    @TempDir
    Path data;

    private GatewayFixture fixture;
    private String key;

    @BeforeAll
    static void findClaudeCode() throws Exception {
        claude = ClaudeCodeCli.locate().orElse(null);
        Assumptions.assumeTrue(claude != null, "Claude Code CLI not available (needs Node.js and npm)");
    }

    @BeforeEach
    void start() throws Exception {
        fixture = new GatewayFixture(o -> o.withSpendDatabase(SpendStore.defaultJdbcUrl(data)),
                "general_settings:\n  master_key: " + MASTER_KEY + "\n  allow_client_credentials: false\n");
        HttpResponse<String> generated = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                fixture.baseUrl().resolve("/key/generate"))
                .header("authorization", "Bearer " + MASTER_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{\"key_alias\": \"claude-code\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        key = new ObjectMapper().readTree(generated.body()).get("key").asText();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private String token() throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aVirtualKeyInCustomHeadersNextToTheUsersOwnKeyIsAttributedAndNotForwarded() throws Exception {
        fixture.anthropic.setDefaultReply(AnthropicReply.text("Hello, key holder"));

        ClaudeCodeCli.Result result = claude.print("hi", fixture.baseUrl(),
                Map.of("ANTHROPIC_API_KEY", GatewayFixture.CALLER_KEY,
                        "ANTHROPIC_CUSTOM_HEADERS", "x-litellm-api-key: " + key), home, Duration.ofSeconds(60));

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("Hello, key holder");
        RecordedRequest inference = fixture.anthropic.takeRequest(Duration.ofSeconds(5));
        assertThat(inference.header("x-api-key")).isEqualTo(GatewayFixture.CALLER_KEY);
        inference.headerNames().forEach(name -> assertThat(inference.header(name)).doesNotContain(key));
        RequestEvent event = fixture.nextEvent();
        assertThat(event.caller()).contains(token());
    }

    @Test
    void aVirtualKeyAloneAsTheAuthTokenIsServedByBedrockInTheDefaultSetup() throws Exception {
        fixture.bedrock.setDefaultReply(BedrockReply.text("Hello from Bedrock"));

        ClaudeCodeCli.Result result = claude.print("hi", fixture.baseUrl(),
                Map.of("ANTHROPIC_AUTH_TOKEN", key), home, Duration.ofSeconds(60));

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("Hello from Bedrock");
        assertThat(fixture.anthropic.requestCount()).as("no Anthropic credential, and the key is not one")
                .isZero();
    }
}
