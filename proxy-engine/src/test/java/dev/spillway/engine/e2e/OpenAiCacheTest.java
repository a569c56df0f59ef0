package dev.spillway.engine.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.spillway.engine.events.RequestEvent;
import dev.spillway.simulators.AnthropicReply;
import dev.spillway.simulators.OpenAiReply;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The response cache through the official OpenAI SDK, on an OpenAI upstream and on a translated Claude one. */
class OpenAiCacheTest {

    private final OpenAiGatewayFixture fixture = new OpenAiGatewayFixture(CacheTest.CACHE_YAML);
    private final BlockingQueue<RequestEvent> events = new LinkedBlockingQueue<>();

    OpenAiCacheTest() {
        fixture.gateway.events().subscribe(events::add);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static ChatCompletionCreateParams chat(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("what is 2 + 2?").build();
    }

    private RequestEvent nextEvent() throws InterruptedException {
        RequestEvent event = events.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("a request event within 10 s").isNotNull();
        return event;
    }

    private ChatCompletion stream(ChatCompletionCreateParams params) {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = fixture.client().chat().completions()
                .createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        return accumulator.chatCompletion();
    }

    @Test
    void theSecondIdenticalCompletionIsAHit() throws Exception {
        fixture.openai.enqueue(OpenAiReply.text("Four.").withUsage(10, 2, 0));

        HttpResponseFor<ChatCompletion> first = fixture.client().chat().completions().withRawResponse()
                .create(chat("gpt-4o"));
        HttpResponseFor<ChatCompletion> second = fixture.client().chat().completions().withRawResponse()
                .create(chat("gpt-4o"));

        assertThat(fixture.openai.requestCount()).isEqualTo(1);
        assertThat(first.headers().values("x-spillway-cache")).containsExactly("miss");
        assertThat(second.headers().values("x-spillway-cache")).containsExactly("hit");
        assertThat(second.headers().values("x-litellm-cache-key")).hasSize(1);
        assertThat(second.parse()).isEqualTo(first.parse());
        assertThat(second.parse().choices().get(0).message().content()).contains("Four.");
        assertThat(nextEvent().cacheHit()).isFalse();
        assertThat(nextEvent().cacheHit()).isTrue();
    }

    @Test
    void aStreamedCompletionIsReplayedAsAStream() throws Exception {
        fixture.openai.enqueue(OpenAiReply.text("Four, streamed."));

        ChatCompletion first = stream(chat("gpt-4o"));
        nextEvent();
        ChatCompletion second = stream(chat("gpt-4o"));

        assertThat(fixture.openai.requestCount()).isEqualTo(1);
        assertThat(first.choices().get(0).message().content()).contains("Four, streamed.");
        assertThat(second).isEqualTo(first);
        assertThat(nextEvent().cacheHit()).isTrue();
    }

    @Test
    void aTranslatedClaudeStreamIsStoredInTheClientsDialect() throws Exception {
        fixture.anthropic.enqueue(AnthropicReply.text("Four, from Claude."));

        ChatCompletion first = stream(chat("claude-sonnet"));
        nextEvent();
        ChatCompletion second = stream(chat("claude-sonnet"));

        assertThat(fixture.anthropic.requestCount()).isEqualTo(1);
        assertThat(first.choices().get(0).message().content()).contains("Four, from Claude.");
        assertThat(second).isEqualTo(first);
    }

    @Test
    void differentModelGroupsDoNotShareAnswers() {
        fixture.openai.enqueue(OpenAiReply.text("from gpt-4o"));
        fixture.openai.enqueue(OpenAiReply.text("from gpt-4.1"));

        fixture.client().chat().completions().create(chat("gpt-4o"));
        ChatCompletion other = fixture.client().chat().completions().create(chat("gpt-for-claude-code"));

        assertThat(other.choices().get(0).message().content()).contains("from gpt-4.1");
        assertThat(fixture.openai.requestCount()).isEqualTo(2);
    }
}
