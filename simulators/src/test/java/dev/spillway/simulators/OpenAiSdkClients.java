package dev.spillway.simulators;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The official OpenAI Java SDK pointed at a simulator, validating every response against the SDK's models. */
final class OpenAiSdkClients {

    static final String MODEL = "gpt-4o";

    private OpenAiSdkClients() {
    }

    /**
     * A validating client for {@code baseUrl} (e.g. the simulator's URL plus {@code /v1}) that retries
     * {@code maxRetries} times.
     */
    static OpenAIClient client(String baseUrl, String apiKey, int maxRetries) {
        return client(baseUrl, apiKey, maxRetries, true);
    }

    /**
     * A client that checks each response against the SDK's models only if {@code validating}. (The SDK's model of a
     * legacy completion requires a {@code finish_reason}, which the API's own stream chunks leave null until the
     * last, so streamed legacy completions need validation off, against the real API as much as here.)
     */
    static OpenAIClient client(String baseUrl, String apiKey, int maxRetries, boolean validating) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(baseUrl)
                .apiKey(apiKey)
                .maxRetries(maxRetries)
                .responseValidation(validating)
                .timeout(Duration.ofSeconds(10))
                .build();
    }

    /** A chat request for {@link #MODEL} with one user message. */
    static ChatCompletionCreateParams.Builder chat(String userText) {
        return ChatCompletionCreateParams.builder().model(MODEL).addSystemMessage("Be brief.").addUserMessage(userText);
    }

    /** A chat request that asks for the usage chunk at the end of a stream. */
    static ChatCompletionCreateParams.Builder chatWithUsage(String userText) {
        return chat(userText).streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build());
    }

    /** A streamed chat completion: every chunk as the SDK parsed it, and what its accumulator made of them. */
    record Streamed(List<ChatCompletionChunk> chunks, ChatCompletion completion) {
    }

    static Streamed stream(OpenAIClient client, ChatCompletionCreateParams params) {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunk -> chunks.add(accumulator.accumulate(chunk)));
        }
        return new Streamed(chunks, accumulator.chatCompletion());
    }
}
