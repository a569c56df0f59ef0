package dev.spillway.engine.e2e;

import static dev.spillway.engine.e2e.GatewayFixture.MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.errors.UnauthorizedException;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import dev.spillway.simulators.AnthropicReply;
import dev.spillway.simulators.RecordedRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Who may use the proxy, and which credential goes upstream. */
class AuthTest {

    private static final String MASTER_KEY = "sk-spillway-test-master-key";
    private static final String OAUTH_TOKEN = "sk-ant-oat01-test-oauth";

    private final GatewayFixture fixture = new GatewayFixture(Function.identity(),
            "general_settings:\n  master_key: " + MASTER_KEY + "\n");

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static MessageCreateParams params() {
        return MessageCreateParams.builder().model(MODEL).maxTokens(64).addUserMessage("hi").build();
    }

    @Test
    void aClaudeLoginTokenIsPassedThroughAsABearerTokenWithTheOauthBeta() {
        fixture.anthropic.requireApiKey(OAUTH_TOKEN);
        fixture.anthropic.enqueue(AnthropicReply.text("hello subscriber"));

        Message message = fixture.client(b -> b.authToken(OAUTH_TOKEN)
                .putHeader("anthropic-beta", "claude-code-20250219,oauth-2025-04-20")).messages().create(params());

        assertThat(message.content().get(0).asText().text()).isEqualTo("hello subscriber");
        RecordedRequest upstream = fixture.anthropic.takeRequest(Duration.ofSeconds(5));
        assertThat(upstream.header("authorization")).isEqualTo("Bearer " + OAUTH_TOKEN);
        assertThat(upstream.header("x-api-key")).isNull();
        assertThat(String.join(",", upstream.headerValues("anthropic-beta")))
                .isEqualTo("claude-code-20250219,oauth-2025-04-20");
    }

    @Test
    void theMasterKeyAlongsideTheCallersOwnCredentialIsNeverSentUpstream() {
        fixture.anthropic.enqueue(AnthropicReply.text("ok"));

        fixture.client(b -> b.authToken(OAUTH_TOKEN).putHeader("x-spillway-key", MASTER_KEY)).messages()
                .create(params());

        RecordedRequest upstream = fixture.anthropic.takeRequest(Duration.ofSeconds(5));
        assertThat(upstream.headerNames()).doesNotContain("x-spillway-key");
        assertThat(upstream.header("authorization")).isEqualTo("Bearer " + OAUTH_TOKEN);
        upstream.headerNames().forEach(name -> assertThat(upstream.header(name)).doesNotContain(MASTER_KEY));
    }

    @Test
    void theMasterKeyAloneIsServedByADeploymentThatNeedsNoCallerCredential() {
        fixture.bedrock.enqueue(dev.spillway.simulators.BedrockReply.text("served by bedrock"));

        Message message = fixture.client(b -> b.apiKey(MASTER_KEY)).messages().create(params());

        assertThat(message.content().get(0).asText().text()).isEqualTo("served by bedrock");
        assertThat(fixture.anthropic.requestCount()).as("no Anthropic credential to send").isZero();
    }

    @Test
    void aWrongKeyIsRefusedWith401WithoutEchoingIt() throws Exception {
        HttpResponse<String> response = fixture.post("/v1/messages", GatewayFixture.body(MODEL, false),
                "x-api-key", "not-a-valid-key", "x-spillway-key", "sk-wrong-proxy-key");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("authentication_error").contains("x-spillway-key")
                .doesNotContain("sk-wrong-proxy-key").doesNotContain(MASTER_KEY);
        assertThat(fixture.anthropic.requestCount()).isZero();
    }

    @Test
    void theSdkGetsAnUnauthorizedExceptionWithoutAnyKey() {
        assertThatThrownBy(() -> fixture.client(b -> b.apiKey("x")).messages().create(params()))
                .isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void anAnthropicCredentialAloneIsAcceptedOnLoopback() {
        fixture.anthropic.enqueue(AnthropicReply.text("welcome"));

        Message message = fixture.client().messages().create(params());

        assertThat(message.content().get(0).asText().text()).isEqualTo("welcome");
    }

    @Test
    void browserPagesAndForeignHostsAreRefused() throws Exception {
        HttpResponse<String> fromPage = fixture.post("/v1/messages", GatewayFixture.body(MODEL, false),
                "x-spillway-key", MASTER_KEY, "origin", "https://evil.example");
        assertThat(fromPage.statusCode()).isEqualTo(403);
        assertThat(fromPage.body()).contains("permission_error").contains("allowed_origins");

        assertThat(fixture.anthropic.requestCount()).isZero();
    }
}
