package dev.spillway.engine.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Tool;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.spillway.simulators.AnthropicReply;
import dev.spillway.simulators.OpenAiReply;
import dev.spillway.simulators.RecordedRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The OpenAI-compatible API through the official OpenAI Java SDK, and Claude Code's dialect on OpenAI upstreams. */
class OpenAiApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final OpenAiGatewayFixture fixture = new OpenAiGatewayFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static ChatCompletionCreateParams chat(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("hi").build();
    }

    @Test
    void anOpenAiModelIsServedAsIsWithTheDeploymentsKey() {
        fixture.openai.enqueue(OpenAiReply.text("Hello from OpenAI").withUsage(11, 4, 0));

        ChatCompletion completion = fixture.client().chat().completions().create(chat("gpt-4o"));

        assertThat(completion.choices().get(0).message().content()).contains("Hello from OpenAI");
        RecordedRequest upstream = fixture.openai.takeRequest(Duration.ofSeconds(5));
        assertThat(upstream.path()).isEqualTo("/v1/chat/completions");
        assertThat(upstream.header("authorization")).isEqualTo("Bearer " + OpenAiGatewayFixture.OPENAI_KEY);
        assertThat(upstream.bodyJson().get("model").asText()).isEqualTo("gpt-4o");
    }

    @Test
    void anOpenAiStreamIsRelayedWithUsage() {
        fixture.openai.enqueue(OpenAiReply.text("streamed words").withUsage(9, 3, 2));

        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = fixture.client().chat().completions().createStreaming(
                chat("gpt-4o").toBuilder()
                        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        ChatCompletion completion = accumulator.chatCompletion();

        assertThat(completion.choices().get(0).message().content()).contains("streamed words");
        assertThat(completion.usage()).hasValueSatisfying(u -> assertThat(u.promptTokens()).isEqualTo(9));
    }

    @Test
    void aClaudeModelAnswersInOpenAisFormat() {
        fixture.anthropic.enqueue(AnthropicReply.text("Hello from Claude").withUsage(20, 5, 8, 0));

        ChatCompletion completion = fixture.client().chat().completions().create(chat("claude-sonnet"));

        assertThat(completion.choices().get(0).message().content()).contains("Hello from Claude");
        assertThat(completion.choices().get(0).finishReason().asString()).isEqualTo("stop");
        assertThat(completion.usage().get().promptTokens()).isEqualTo(28);
        RecordedRequest upstream = fixture.anthropic.takeRequest(Duration.ofSeconds(5));
        assertThat(upstream.path()).isEqualTo("/v1/messages");
        assertThat(upstream.header("x-api-key")).isEqualTo(OpenAiGatewayFixture.ANTHROPIC_KEY);
        assertThat(upstream.bodyJson().get("messages").get(0).get("content").asText()).isEqualTo("hi");
        assertThat(upstream.bodyJson().get("max_tokens").asInt()).isPositive();
    }

    @Test
    void aClaudeToolCallStreamsAsOpenAiToolCallDeltas() {
        fixture.anthropic.enqueue(AnthropicReply.toolUse("get_weather", "toolu_01OpenAiTest", "{\"city\":\"Oslo\"}"));

        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = fixture.client().chat().completions()
                .createStreaming(chat("claude-sonnet"))) {
            stream.stream().forEach(accumulator::accumulate);
        }
        var choice = accumulator.chatCompletion().choices().get(0);

        var call = choice.message().toolCalls().orElseThrow().get(0).asFunction();
        assertThat(call.id()).isEqualTo("toolu_01OpenAiTest");
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertThat(call.function().arguments()).contains("Oslo");
        assertThat(choice.finishReason().asString()).isEqualTo("tool_calls");
    }

    @Test
    void anOpenAiRateLimitFallsBackToClaudeAndStillAnswersInOpenAisFormat() {
        fixture.openai.enqueue(OpenAiReply.rateLimited(30));
        fixture.anthropic.enqueue(AnthropicReply.text("Claude took over"));

        ChatCompletion completion = fixture.client().chat().completions().create(chat("gpt-4o"));

        assertThat(completion.choices().get(0).message().content()).contains("Claude took over");
        assertThat(completion.model()).isEqualTo("gpt-4o");
    }

    @Test
    void claudeCodesDialectReachesAnOpenAiModelWithToolIdsIntact() {
        fixture.openai.enqueue(OpenAiReply.toolCalls(
                new OpenAiReply.ToolCall("call_abc123", "Read", "{\"file_path\":\"/tmp/x\"}")));
        var client = AnthropicOkHttpClient.builder().baseUrl(fixture.gateway.baseUrl().toString())
                .apiKey("sk-ant-api03-test-caller2").maxRetries(0).build();
        MessageCreateParams params = MessageCreateParams.builder().model("gpt-for-claude-code").maxTokens(256)
                .addUserMessage("read /tmp/x")
                .addTool(Tool.builder().name("Read").inputSchema(Tool.InputSchema.builder()
                        .properties(com.anthropic.core.JsonValue.from(java.util.Map.of(
                                "file_path", java.util.Map.of("type", "string")))).build()).build())
                .build();

        MessageAccumulator accumulator = MessageAccumulator.create();
        try (var stream = client.messages().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Message message = accumulator.message();

        var toolUse = message.content().get(message.content().size() - 1).asToolUse();
        assertThat(toolUse.id()).isEqualTo("call_abc123");
        assertThat(toolUse.name()).isEqualTo("Read");
        assertThat(toolUse._input().toString()).contains("/tmp/x");
        RecordedRequest upstream = fixture.openai.takeRequest(Duration.ofSeconds(5));
        assertThat(upstream.bodyJson().get("model").asText()).isEqualTo("gpt-4.1");
        assertThat(upstream.bodyJson().get("tools").get(0).get("function").get("name").asText()).isEqualTo("Read");
    }

    @Test
    void claudeCodesThinkingRequestDoesNotBreakAModelWithoutReasoning() throws Exception {
        fixture.openai.enqueue(OpenAiReply.text("no thinking here"));

        HttpResponse<String> response = fixture.post("/v1/messages", """
                {"model":"gpt-for-claude-code","max_tokens":32000,"stream":false,"thinking":{"type":"adaptive"},
                 "messages":[{"role":"user","content":"hi"}]}""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("no thinking here");
        JsonNode upstream = fixture.openai.takeRequest(Duration.ofSeconds(5)).bodyJson();
        assertThat(upstream.has("reasoning_effort")).as("gpt-4.1 does not reason").isFalse();
        assertThat(upstream.get("max_completion_tokens").asInt()).isEqualTo(32000);
        assertThat(upstream.has("max_tokens")).isFalse();
    }

    @Test
    void anUnknownModelIsAnOpenAiStyle404() {
        assertThatThrownBy(() -> fixture.client().chat().completions().create(chat("gpt-9")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("gpt-9");
    }

    @Test
    void whatCannotBeTranslatedIsA400NamingTheField() throws Exception {
        HttpResponse<String> response = fixture.post("/v1/chat/completions",
                "{\"model\":\"claude-sonnet\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"n\":3}");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error.get("param").asText()).isEqualTo("n");
        assertThat(error.get("message").asText()).contains("n");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(fixture.anthropic.requestCount()).isZero();
        assertThatThrownBy(() -> fixture.client().chat().completions().create(chat("claude-sonnet").toBuilder()
                .n(2).build())).isInstanceOf(BadRequestException.class);
    }

    @Test
    void legacyCompletionsAreServedByOpenAiUpstreamsAsIs() throws Exception {
        fixture.openai.enqueue(OpenAiReply.text("legacy answer"));

        HttpResponse<String> served = fixture.post("/v1/completions",
                "{\"model\":\"gpt-4o\",\"prompt\":\"Say hi\",\"max_tokens\":5}");

        assertThat(served.statusCode()).isEqualTo(200);
        JsonNode completion = JSON.readTree(served.body());
        assertThat(completion.get("object").asText()).isEqualTo("text_completion");
        assertThat(completion.get("choices").get(0).get("text").asText()).contains("legacy answer");
        assertThat(fixture.openai.takeRequest(Duration.ofSeconds(5)).path()).isEqualTo("/v1/completions");
    }

    @Test
    void legacyCompletionsReachClaudeAsOneUserMessage() throws Exception {
        fixture.anthropic.enqueue(AnthropicReply.text("Claude completes the prompt"));
        fixture.anthropic.enqueue(AnthropicReply.text("streamed completion"));

        HttpResponse<String> whole = fixture.post("/v1/completions",
                "{\"model\":\"claude-sonnet\",\"prompt\":\"Once upon a time\",\"max_tokens\":20}");
        HttpResponse<String> streamed = fixture.post("/v1/completions",
                "{\"model\":\"claude-sonnet\",\"prompt\":[\"Once\"],\"max_tokens\":20,\"stream\":true}");
        HttpResponse<String> refused = fixture.post("/v1/completions",
                "{\"model\":\"claude-sonnet\",\"prompt\":\"x\",\"echo\":true}");

        JsonNode completion = JSON.readTree(whole.body());
        assertThat(completion.get("object").asText()).isEqualTo("text_completion");
        assertThat(completion.get("choices").get(0).get("text").asText()).isEqualTo("Claude completes the prompt");
        assertThat(completion.get("choices").get(0).get("finish_reason").asText()).isEqualTo("stop");
        assertThat(fixture.anthropic.takeRequest(Duration.ofSeconds(5)).bodyJson().get("messages").get(0)
                .get("content").asText()).isEqualTo("Once upon a time");
        String text = streamed.body().lines().filter(l -> l.startsWith("data: {"))
                .map(l -> readQuietly(l.substring(6)).path("choices").path(0).path("text").asText(""))
                .reduce("", String::concat);
        assertThat(text).isEqualTo("streamed completion");
        assertThat(streamed.body()).contains("\"object\":\"text_completion\"").endsWith("data: [DONE]\n\n");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).get("error").get("param").asText()).isEqualTo("echo");
    }

    @Test
    void theOpenAiSdksLegacyCompletionsClientWorksAgainstBothKindsOfUpstream() {
        fixture.openai.enqueue(OpenAiReply.text("from gpt"));
        fixture.anthropic.enqueue(AnthropicReply.text("from claude"));
        var completions = fixture.client().completions();

        var fromGpt = completions.create(com.openai.models.completions.CompletionCreateParams.builder()
                .model("gpt-4o").prompt("Say hi").maxTokens(5).build());
        var fromClaude = completions.create(com.openai.models.completions.CompletionCreateParams.builder()
                .model("claude-sonnet").prompt("Say hi").maxTokens(5).build());

        assertThat(fromGpt.choices().get(0).text()).contains("from gpt");
        assertThat(fromClaude.choices().get(0).text()).isEqualTo("from claude");
    }

    private static JsonNode readQuietly(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    @Test
    void aMalformedToolSchemaIsA400NamingTheTool() throws Exception {
        HttpResponse<String> response = fixture.post("/v1/chat/completions", """
                {"model":"claude-sonnet","messages":[{"role":"user","content":"hi"}],
                 "tools":[{"type":"function","function":{"description":"no name","parameters":{"type":"object"}}}]}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("error").get("param").asText()).startsWith("tools[0]");
        assertThat(fixture.anthropic.requestCount()).isZero();
    }

    @Test
    void malformedJsonIsAnOpenAiStyle400() throws Exception {
        HttpResponse<String> response = fixture.post("/chat/completions", "{\"model\": ");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("error").get("message").asText()).contains("not valid JSON");
    }

    @Test
    void modelsAreListedInOpenAisFormat() {
        var ids = fixture.client().models().list().data().stream().map(m -> m.id()).toList();

        assertThat(ids).contains("gpt-4o", "claude-sonnet", "gpt-for-claude-code");
    }
}
