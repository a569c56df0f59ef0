package dev.spillway.simulators;

import static dev.spillway.simulators.OpenAiSdkClients.chat;
import static dev.spillway.simulators.OpenAiSdkClients.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.RateLimitException;
import com.openai.errors.SseException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Refused, failing and broken chat completions, as the official OpenAI Java SDK reports them. */
class OpenAiSimulatorSdkFailuresTest {

    private static final String API_KEY = "sk-test-spillway-sdk-000000000000";

    private OpenAiSimulator openAi;
    private OpenAIClient client;

    @BeforeEach
    void start() {
        openAi = OpenAiSimulator.start();
        client = OpenAiSdkClients.client(openAi.baseUrl() + "/v1", API_KEY, 0);
    }

    @AfterEach
    void stop() {
        client.close();
        openAi.close();
    }

    @Test
    void rateLimitIsARateLimitExceptionWithCodeAndHeaders() {
        openAi.enqueue(OpenAiReply.rateLimited(30));

        assertThatThrownBy(() -> client.chat().completions().create(chat("Hi").build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.code()).contains("rate_limit_exceeded");
                    assertThat(e.type()).contains("requests");
                    assertThat(e.headers().values("retry-after")).containsExactly("30");
                    assertThat(e.headers().values("x-ratelimit-remaining-requests")).containsExactly("0");
                });
        assertThat(openAi.requestCount()).isEqualTo(1);
    }

    @Test
    void sdkRetriesARateLimitAfterRetryAfterAndThenSucceeds() {
        openAi.enqueue(OpenAiReply.rateLimited(0));
        OpenAIClient retrying = OpenAiSdkClients.client(openAi.baseUrl() + "/v1", API_KEY, 2);
        try {
            ChatCompletion completion = retrying.chat().completions().create(chat("again").build());

            assertThat(completion.choices().get(0).message().content()).contains("Echo: again");
        } finally {
            retrying.close();
        }
        assertThat(openAi.takeRequest().header("x-stainless-retry-count")).isEqualTo("0");
        assertThat(openAi.takeRequest().header("x-stainless-retry-count")).isEqualTo("1");
    }

    @Test
    void contextLengthExceededIsABadRequestWithItsCode() {
        openAi.enqueue(OpenAiReply.contextLengthExceeded());

        assertThatThrownBy(() -> stream(client, chat("a very long prompt").build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.code()).contains("context_length_exceeded");
                    assertThat(e.param()).contains("messages");
                    assertThat(e.getMessage()).contains("This model's maximum context length is");
                });
    }

    @Test
    void contentFilterIsABadRequestWithItsCode() {
        openAi.enqueue(OpenAiReply.contentFiltered());

        assertThatThrownBy(() -> client.chat().completions().create(chat("Hi").build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.code()).contains("content_filter");
                    assertThat(e.param()).contains("prompt");
                });
    }

    @Test
    void serverErrorIsAnInternalServerException() {
        openAi.enqueue(OpenAiReply.serverError());

        assertThatThrownBy(() -> client.chat().completions().create(chat("Hi").build()))
                .isInstanceOfSatisfying(InternalServerException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(500);
                    assertThat(e.type()).contains("server_error");
                });
    }

    @Test
    void wrongKeyIsUnauthorizedWithInvalidApiKey() {
        openAi.requireApiKey("sk-test-the-right-one-0000000000");

        assertThatThrownBy(() -> client.models().list())
                .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
                    assertThat(e.code()).contains("invalid_api_key");
                    assertThat(e.getMessage()).contains("Incorrect API key provided: sk-test-");
                    assertThat(e.getMessage()).doesNotContain(API_KEY);
                });
    }

    @Test
    void errorChunkMidStreamIsAnSseException() {
        openAi.enqueue(OpenAiReply.streamThenError(3, "server_error", null, "The model crashed mid-answer."));

        assertThatThrownBy(() -> stream(client, chat("Hi").build()))
                .isInstanceOfSatisfying(SseException.class, e -> assertThat(e.getMessage())
                        .contains("The model crashed mid-answer."));
    }

    @Test
    void streamCutMidwayIsAnIoError() {
        openAi.enqueue(OpenAiReply.text("This answer never finishes.").disconnectAfterChunks(3));

        assertThatThrownBy(() -> stream(client, chat("Hi").build())).isInstanceOf(OpenAIIoException.class);
    }
}
