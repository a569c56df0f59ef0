package dev.spillway.engine.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.simulators.AnthropicReply;
import dev.spillway.simulators.BedrockReply;
import dev.spillway.simulators.RecordedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check that matters most: the real Claude Code CLI, pointed at Spillway, gets its answer. */
class ClaudeCodeEndToEndTest {

    private static ClaudeCodeCli claude;
    private final GatewayFixture fixture = new GatewayFixture();

    @TempDir
    Path home;

    @BeforeAll
    static void findClaudeCode() throws Exception {
        claude = ClaudeCodeCli.locate().orElse(null);
        Assumptions.assumeTrue(claude != null,
                "Claude Code CLI not available: install it with 'npm install --prefix tools/claude-code "
                        + "@anthropic-ai/claude-code' (needs Node.js and npm)");
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void claudeDashPAnswersThroughSpillwayFromAnthropic() throws Exception {
        fixture.anthropic.setDefaultReply(AnthropicReply.text("Hello through Spillway"));

        ClaudeCodeCli.Result result = claude.print("hi", fixture.baseUrl(),
                Map.of("ANTHROPIC_API_KEY", GatewayFixture.CALLER_KEY), home, Duration.ofSeconds(60));

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("Hello through Spillway");
        RecordedRequest inference = firstInference();
        assertThat(inference.path()).isEqualTo("/v1/messages?beta=true");
        assertThat(inference.isStreaming()).isTrue();
        assertThat(inference.header("x-api-key")).isEqualTo(GatewayFixture.CALLER_KEY);
        assertThat(inference.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(fixture.bedrock.requestCount()).isZero();
    }

    @Test
    void claudeDashPKeepsWorkingWhenAnthropicSays429() throws Exception {
        fixture.anthropic.setDefaultReply(AnthropicReply.rateLimited(60));
        fixture.bedrock.setDefaultReply(BedrockReply.text("Hello from Bedrock"));

        ClaudeCodeCli.Result result = claude.print("hi", fixture.baseUrl(),
                Map.of("ANTHROPIC_API_KEY", GatewayFixture.CALLER_KEY), home, Duration.ofSeconds(60));

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("Hello from Bedrock");
        RecordedRequest toBedrock = fixture.bedrock.takeRequest(Duration.ofSeconds(5));
        assertThat(toBedrock.bodyJson().get("anthropic_version").asText()).isEqualTo("bedrock-2023-05-31");
        assertThat(toBedrock.bodyJson().toString()).doesNotContain("oauth-2025-04-20");
    }

    @Test
    void aClaudeLoginTokenReachesAnthropicAsABearerTokenWithTheOauthBeta() throws Exception {
        String token = "sk-ant-oat01-test-sub";
        fixture.anthropic.requireApiKey(token);
        fixture.anthropic.setDefaultReply(AnthropicReply.text("Hello, subscriber"));

        ClaudeCodeCli.Result result = claude.print("hi", fixture.baseUrl(),
                Map.of("CLAUDE_CODE_OAUTH_TOKEN", token), home, Duration.ofSeconds(60));

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("Hello, subscriber");
        RecordedRequest inference = firstInference();
        assertThat(inference.header("authorization")).isEqualTo("Bearer " + token);
        assertThat(String.join(",", inference.headerValues("anthropic-beta"))).contains("oauth-2025-04-20");
    }

    @Test
    void aProxyKeyInCustomHeadersLetsClaudeCodeThroughAMasterKeyedSpillway() throws Exception {
        try (GatewayFixture keyed = new GatewayFixture(o -> o,
                "general_settings:\n  master_key: sk-spillway-e2e-master\n  allow_client_credentials: false\n")) {
            keyed.anthropic.setDefaultReply(AnthropicReply.text("Hello, key holder"));

            ClaudeCodeCli.Result admitted = claude.print("hi", keyed.baseUrl(),
                    Map.of("ANTHROPIC_API_KEY", GatewayFixture.CALLER_KEY,
                            "ANTHROPIC_CUSTOM_HEADERS", "x-spillway-key: sk-spillway-e2e-master"),
                    home, Duration.ofSeconds(60));

            RecordedRequest inference = keyed.anthropic.takeRequest(Duration.ofSeconds(5));
            assertThat(inference.headerNames()).doesNotContain("x-spillway-key");
            assertThat(admitted.exitCode()).as(admitted.stderr()).isZero();
            assertThat(admitted.stdout()).contains("Hello, key holder");
        }
    }

    @Test
    void claudeCodeWorksWithAGptModelGroupThroughTranslation() throws Exception {
        try (OpenAiGatewayFixture openAi = new OpenAiGatewayFixture()) {
            openAi.openai.setDefaultReply(dev.spillway.simulators.OpenAiReply.text("Hello from GPT"));

            ClaudeCodeCli.Result result = claude.print("hi", openAi.gateway.baseUrl(),
                    Map.of("ANTHROPIC_API_KEY", GatewayFixture.CALLER_KEY,
                            "ANTHROPIC_MODEL", "gpt-for-claude-code",
                            "ANTHROPIC_DEFAULT_HAIKU_MODEL", "gpt-for-claude-code"),
                    home, Duration.ofSeconds(60));

            assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
            assertThat(result.stdout()).contains("Hello from GPT");
            RecordedRequest toOpenAi = openAi.openai.takeRequest(Duration.ofSeconds(5));
            assertThat(toOpenAi.path()).isEqualTo("/v1/chat/completions");
            assertThat(toOpenAi.bodyJson().get("model").asText()).isEqualTo("gpt-4.1");
            assertThat(toOpenAi.bodyJson().get("messages").get(0).get("role").asText()).isEqualTo("system");
        }
    }

    private RecordedRequest firstInference() {
        RecordedRequest request;
        while ((request = fixture.anthropic.takeRequest(Duration.ofSeconds(5))) != null) {
            if (request.path().startsWith("/v1/messages?") || request.path().equals("/v1/messages")) {
                return request;
            }
        }
        throw new AssertionError("Claude Code sent no inference request");
    }
}
