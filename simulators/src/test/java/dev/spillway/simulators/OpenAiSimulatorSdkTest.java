package dev.spillway.simulators;

import static dev.spillway.simulators.OpenAiSdkClients.MODEL;
import static dev.spillway.simulators.OpenAiSdkClients.chat;
import static dev.spillway.simulators.OpenAiSdkClients.chatWithUsage;
import static dev.spillway.simulators.OpenAiSdkClients.stream;
import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.completions.CompletionUsage;
import com.openai.models.models.Model;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAI simulator through the official OpenAI Java SDK with response validation on: every reply must parse into
 * the SDK's models, and streams must accumulate into what the non-streaming call returns.
 */
class OpenAiSimulatorSdkTest {

    private static final String API_KEY = "sk-test-spillway-sdk-000000000000";

    private OpenAiSimulator openAi;
    private OpenAIClient client;

    @BeforeEach
    void start() {
        openAi = OpenAiSimulator.start();
        openAi.requireApiKey(API_KEY);
        client = OpenAiSdkClients.client(openAi.baseUrl() + "/v1", API_KEY, 0);
    }

    @AfterEach
    void stop() {
        client.close();
        openAi.close();
    }

    @Test
    void nonStreamingCompletionParsesWithItsUsage() {
        openAi.enqueue(OpenAiReply.text("Hello from GPT.").withUsage(40, 5, 32));

        ChatCompletion completion = client.chat().completions().create(chat("Hi").build());

        assertThat(completion.id()).startsWith("chatcmpl-");
        assertThat(completion.model()).isEqualTo(MODEL);
        ChatCompletion.Choice choice = completion.choices().get(0);
        assertThat(choice.message().content()).contains("Hello from GPT.");
        assertThat(choice.message().toolCalls()).isEmpty();
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        CompletionUsage usage = completion.usage().orElseThrow();
        assertThat(usage.promptTokens()).isEqualTo(40);
        assertThat(usage.completionTokens()).isEqualTo(5);
        assertThat(usage.totalTokens()).isEqualTo(45);
        assertThat(usage.promptTokensDetails().orElseThrow().cachedTokens()).contains(32L);
        RecordedRequest request = openAi.takeRequest();
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.header("authorization")).isEqualTo("Bearer " + API_KEY);
        assertThat(request.isStreaming()).isFalse();
    }

    @Test
    void streamedTextAccumulatesToTheNonStreamingCompletion() {
        OpenAiReply reply = OpenAiReply.text("Streaming, one piece at a time. ✓").withUsage(20, 9, 0);
        openAi.enqueue(reply);
        openAi.enqueue(reply);

        OpenAiSdkClients.Streamed streamed = stream(client, chatWithUsage("Hi").build());
        ChatCompletion plain = client.chat().completions().create(chatWithUsage("Hi").build());

        ChatCompletion accumulated = streamed.completion();
        assertThat(streamed.chunks()).hasSizeGreaterThan(3);
        assertThat(streamed.chunks().get(streamed.chunks().size() - 1).choices()).isEmpty();
        assertThat(accumulated.choices()).hasSize(1);
        ChatCompletionMessage streamedMessage = accumulated.choices().get(0).message();
        ChatCompletionMessage plainMessage = plain.choices().get(0).message();
        assertThat(streamedMessage.content()).isEqualTo(plainMessage.content())
                .contains("Streaming, one piece at a time. ✓");
        assertThat(streamedMessage.refusal()).isEqualTo(plainMessage.refusal()).isEmpty();
        assertThat(streamedMessage._role()).isEqualTo(plainMessage._role());
        assertThat(streamedMessage.toolCalls().orElse(List.of())).isEmpty();
        assertThat(accumulated.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(accumulated.usage()).isEqualTo(plain.usage());
        assertThat(accumulated.model()).isEqualTo(MODEL);
        assertThat(openAi.takeRequest().bodyJson().path("stream_options").path("include_usage").asBoolean()).isTrue();
    }

    @Test
    void streamWithoutIncludeUsageAccumulatesWithoutUsage() {
        OpenAiSdkClients.Streamed streamed = stream(client, chat("no usage please").build());

        assertThat(streamed.completion().choices().get(0).message().content()).contains("Echo: no usage please");
        assertThat(streamed.completion().usage()).isEmpty();
        assertThat(streamed.chunks()).allSatisfy(chunk -> assertThat(chunk.choices()).hasSize(1));
    }

    @Test
    void parallelToolCallsAccumulateFromInterleavedFragments() {
        OpenAiReply reply = OpenAiReply.toolCalls(
                new OpenAiReply.ToolCall("call_paris", "get_weather", "{\"location\":\"Paris, France\"}"),
                new OpenAiReply.ToolCall("call_tokyo", "get_weather", "{\"location\":\"Tokyo, Japan\"}"),
                new OpenAiReply.ToolCall("call_time", "get_time", "{\"timezone\":\"Asia/Tokyo\"}"));
        openAi.enqueue(reply);
        openAi.enqueue(reply);

        OpenAiSdkClients.Streamed streamed = stream(client, chatWithUsage("Weather and time?").build());
        ChatCompletion plain = client.chat().completions().create(chat("Weather and time?").build());

        List<Long> indexOrder = streamed.chunks().stream()
                .flatMap(chunk -> chunk.choices().stream())
                .flatMap(choice -> choice.delta().toolCalls().orElse(List.of()).stream())
                .map(ChatCompletionChunk.Choice.Delta.ToolCall::index)
                .toList();
        assertThat(indexOrder.subList(0, 6)).containsExactly(0L, 1L, 2L, 0L, 1L, 2L);
        for (ChatCompletion completion : List.of(streamed.completion(), plain)) {
            ChatCompletion.Choice choice = completion.choices().get(0);
            assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
            assertThat(choice.message().content()).isEmpty();
            assertThat(describe(choice.message())).containsExactly(
                    "call_paris get_weather {\"location\":\"Paris, France\"}",
                    "call_tokyo get_weather {\"location\":\"Tokyo, Japan\"}",
                    "call_time get_time {\"timezone\":\"Asia/Tokyo\"}");
        }
    }

    @Test
    void textThenToolCallAccumulatesBoth() {
        openAi.enqueue(OpenAiReply.textThenToolCalls("Checking the weather.",
                new OpenAiReply.ToolCall("call_1", "get_weather", "{\"location\":\"Oslo\"}")));

        ChatCompletion accumulated = stream(client, chat("Weather?").build()).completion();

        ChatCompletionMessage message = accumulated.choices().get(0).message();
        assertThat(message.content()).contains("Checking the weather.");
        assertThat(describe(message)).containsExactly("call_1 get_weather {\"location\":\"Oslo\"}");
    }

    @Test
    void reasoningContentReachesTheSdkAsAnExtraProperty() {
        OpenAiReply reply = OpenAiReply.reasoningThenText("The user greets me; greet back.", "Hello!");
        openAi.enqueue(reply);
        openAi.enqueue(reply);

        ChatCompletion plain = client.chat().completions().create(chat("Hi").build());
        List<ChatCompletionChunk> chunks = stream(client, chat("Hi").build()).chunks();

        ChatCompletionMessage message = plain.choices().get(0).message();
        assertThat(message.content()).contains("Hello!");
        assertThat(message._allProperties().get("reasoning_content").asStringOrThrow())
                .isEqualTo("The user greets me; greet back.");
        StringBuilder streamedReasoning = new StringBuilder();
        for (ChatCompletionChunk chunk : chunks) {
            for (ChatCompletionChunk.Choice choice : chunk.choices()) {
                JsonValue reasoning = choice.delta()._allProperties().get("reasoning_content");
                if (reasoning != null && !reasoning.isNull()) {
                    streamedReasoning.append(reasoning.asStringOrThrow());
                }
            }
        }
        assertThat(streamedReasoning).hasToString("The user greets me; greet back.");
        assertThat(plain.usage().orElseThrow().completionTokensDetails().orElseThrow().reasoningTokens())
                .contains(7L);
    }

    @Test
    void legacyCompletionsWorkStreamedAndNot() {
        CompletionCreateParams params = CompletionCreateParams.builder()
                .model("gpt-3.5-turbo-instruct").prompt("Say this is a test").maxTokens(7).build();

        Completion plain = client.completions().create(params);
        StringBuilder streamedText = new StringBuilder();
        OpenAIClient lenient = OpenAiSdkClients.client(openAi.baseUrl() + "/v1", API_KEY, 0, false);
        try (StreamResponse<Completion> stream = lenient.completions().createStreaming(params)) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(choice -> streamedText.append(choice.text())));
        } finally {
            lenient.close();
        }

        assertThat(plain.id()).startsWith("cmpl-");
        assertThat(plain.model()).isEqualTo("gpt-3.5-turbo-instruct");
        assertThat(plain.choices().get(0).text()).isEqualTo("Echo: Say this is a test");
        assertThat(plain.choices().get(0).finishReason()).isEqualTo(
                com.openai.models.completions.CompletionChoice.FinishReason.STOP);
        assertThat(plain.usage().orElseThrow().totalTokens()).isPositive();
        assertThat(streamedText).hasToString("Echo: Say this is a test");
        assertThat(openAi.takeRequest().path()).isEqualTo("/v1/completions");
    }

    @Test
    void modelsListThroughTheSdk() {
        List<Model> models = client.models().list().data();

        assertThat(models).extracting(Model::id).contains("gpt-4o", "gpt-4o-mini");
        assertThat(models).allSatisfy(model -> assertThat(model.ownedBy()).isEqualTo("system"));
    }

    @Test
    void openRouterStyleBaseUrlWorks() {
        OpenAIClient openRouter = OpenAiSdkClients.client(openAi.baseUrl() + "/api/v1", API_KEY, 0);
        try {
            ChatCompletion completion = openRouter.chat().completions().create(
                    chat("via a prefix").model("anthropic/claude-sonnet-4.5").build());

            assertThat(completion.model()).isEqualTo("anthropic/claude-sonnet-4.5");
            assertThat(completion.choices().get(0).message().content()).contains("Echo: via a prefix");
        } finally {
            openRouter.close();
        }
        assertThat(openAi.takeRequest().path()).isEqualTo("/api/v1/chat/completions");
    }

    private static List<String> describe(ChatCompletionMessage message) {
        return message.toolCalls().orElseThrow().stream()
                .map(ChatCompletionMessageToolCall::asFunction)
                .map(OpenAiSimulatorSdkTest::describe)
                .toList();
    }

    private static String describe(ChatCompletionMessageFunctionToolCall call) {
        return call.id() + " " + call.function().name() + " " + call.function().arguments();
    }
}
