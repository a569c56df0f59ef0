package dev.spillway.engine.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.engine.claudecode.ClaudeCodeFiles;
import dev.spillway.engine.claudecode.ClaudeCodeIntegration;
import dev.spillway.engine.claudecode.ClaudeLauncher;
import dev.spillway.simulators.AnthropicReply;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Claude Code CLI, set up the two ways Spillway offers: {@code configure-claude} (settings.json only, no
 * environment variable) and the {@code spillway claude} launcher (which wins even over settings that point elsewhere).
 */
class ClaudeCodeSetupEndToEndTest {

    private static ClaudeCodeCli claude;
    private final GatewayFixture fixture = new GatewayFixture();

    @TempDir
    Path home;

    private Map<String, String> env;

    @BeforeAll
    static void findClaudeCode() throws Exception {
        claude = ClaudeCodeCli.locate().orElse(null);
        Assumptions.assumeTrue(claude != null, "Claude Code CLI not available (needs Node.js and npm)");
    }

    @BeforeEach
    void isolatedEnvironment() throws Exception {
        env = new HashMap<>();
        env.put("PATH", claude.executable().getParent() + File.pathSeparator + System.getenv("PATH"));
        env.put("HOME", home.toString());
        env.put("CLAUDE_CONFIG_DIR", home.resolve(".claude").toString());
        env.put("DISABLE_TELEMETRY", "1");
        env.put("DISABLE_ERROR_REPORTING", "1");
        env.put("DISABLE_AUTOUPDATER", "1");
        env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        env.put("ANTHROPIC_API_KEY", GatewayFixture.CALLER_KEY);
        Files.createDirectories(home.resolve(".claude"));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private String run(ProcessBuilder builder) throws Exception {
        Path out = home.resolve("claude.out");
        Path err = home.resolve("claude.err");
        Process process = builder.directory(home.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("claude did not finish in 60 s: " + Files.readString(err));
        }
        assertThat(process.exitValue()).as(Files.readString(err, StandardCharsets.UTF_8)).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    @Test
    void afterConfigureClaudeCodeUsesSpillwayWithNoEnvironmentVariable() throws Exception {
        fixture.anthropic.setDefaultReply(AnthropicReply.text("Configured through settings.json"));
        ClaudeCodeIntegration integration = new ClaudeCodeIntegration(
                ClaudeCodeFiles.forUser(home, home, env).withOverrides(List.of(), List.of()), env);
        integration.configure(fixture.baseUrl(), Optional.empty());

        ProcessBuilder plain = new ProcessBuilder(claude.executable().toString(), "-p", "hi");
        plain.environment().clear();
        plain.environment().putAll(env);

        assertThat(run(plain)).contains("Configured through settings.json");
        assertThat(fixture.anthropic.takeRequest().header("x-api-key")).isEqualTo(GatewayFixture.CALLER_KEY);
    }

    @Test
    void theLauncherWinsOverBedrockAndAnotherBaseUrlInTheSettings() throws Exception {
        fixture.anthropic.setDefaultReply(AnthropicReply.text("Launched through Spillway"));
        Files.writeString(home.resolve(".claude/settings.json"), """
                {"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "ANTHROPIC_BASE_URL": "http://127.0.0.1:9"}}""");
        env.put("CLAUDE_CODE_USE_BEDROCK", "1");
        ClaudeLauncher launcher = new ClaudeLauncher(env, Optional.empty());

        ProcessBuilder launched = launcher.command(launcher.findClaude().orElseThrow(), fixture.baseUrl(),
                Optional.empty(), List.of("-p", "hi"));

        assertThat(launched.environment()).doesNotContainKey("CLAUDE_CODE_USE_BEDROCK")
                .containsEntry("ANTHROPIC_BASE_URL", fixture.baseUrl().toString());
        assertThat(run(launched)).contains("Launched through Spillway");
        assertThat(fixture.bedrock.requestCount()).isZero();
    }
}
