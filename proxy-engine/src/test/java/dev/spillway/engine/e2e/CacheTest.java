package dev.spillway.engine.e2e;

import static dev.spillway.engine.e2e.GatewayFixture.MODEL;
import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.core.JsonValue;
import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import dev.spillway.engine.events.RequestEvent;
import dev.spillway.simulators.AnthropicReply;
import dev.spillway.simulators.RecordedRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The response cache through the official Anthropic SDK, against the Anthropic simulator. */
class CacheTest {

    static final String CACHE_YAML = """
            litellm_settings:
              cache: true
              cache_params: {type: local, ttl: 600}
            """;

    private final GatewayFixture fixture = new GatewayFixture(options -> options, CACHE_YAML);

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static MessageCreateParams params() {
        return MessageCreateParams.builder().model(MODEL).maxTokens(64).addUserMessage("what is 2 + 2?").build();
    }

    private static MessageCreateParams params(Map<String, Object> cacheControls) {
        return params().toBuilder().putAdditionalBodyProperty("cache", JsonValue.from(cacheControls)).build();
    }

    private HttpResponseFor<Message> create(MessageCreateParams params) {
        return fixture.client().messages().withRawResponse().create(params);
    }

    private static String cacheHeader(HttpResponseFor<?> response) {
        return response.headers().values("x-spillway-cache").stream().findFirst().orElse(null);
    }

    private static String text(HttpResponseFor<Message> response) {
        return response.parse().content().get(0).asText().text();
    }

    private Message stream(MessageCreateParams params) {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = fixture.client().messages().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        return accumulator.message();
    }

    @Test
    void theSecondIdenticalRequestIsAnsweredFromTheCache() throws Exception {
        fixture.anthropic.enqueue(AnthropicReply.text("Four.").withUsage(14, 3, 0, 0));

        HttpResponseFor<Message> first = create(params());
        RequestEvent firstEvent = fixture.nextEvent();
        HttpResponseFor<Message> second = create(params());
        RequestEvent secondEvent = fixture.nextEvent();

        assertThat(fixture.anthropic.requestCount()).isEqualTo(1);
        assertThat(cacheHeader(first)).isEqualTo("miss");
        assertThat(cacheHeader(second)).isEqualTo("hit");
        assertThat(second.headers().values("x-litellm-cache-key")).singleElement()
                .satisfies(key -> assertThat(key).matches("[0-9a-f]{64}"));
        assertThat(second.headers().values("x-spillway-provider")).containsExactly("cache");
        assertThat(second.headers().values("x-litellm-model-group")).containsExactly("claude-*");
        assertThat(second.parse().id()).isEqualTo(first.parse().id());
        assertThat(text(second)).isEqualTo("Four.");

        assertThat(firstEvent.cacheHit()).isFalse();
        assertThat(firstEvent.provider()).contains("anthropic");
        assertThat(firstEvent.usage().totalTokens()).isEqualTo(17);
        assertThat(secondEvent.cacheHit()).isTrue();
        assertThat(secondEvent.status()).isEqualTo(200);
        assertThat(secondEvent.provider()).contains("cache");
        assertThat(secondEvent.deploymentId()).isEmpty();
        assertThat(secondEvent.upstreamModel()).isEmpty();
        assertThat(secondEvent.modelGroup()).contains("claude-*");
        assertThat(secondEvent.usage()).isEqualTo(RequestEvent.Usage.NONE);
    }

    @Test
    void aStreamedAnswerIsReplayedAsAStreamTheSdkAccumulatesIntoTheSameMessage() throws Exception {
        fixture.anthropic.enqueue(AnthropicReply.text("Four, streamed in pieces.").withUsage(14, 6, 0, 0));

        Message first = stream(params());
        RequestEvent firstEvent = fixture.nextEvent();
        Message second = stream(params());
        RequestEvent secondEvent = fixture.nextEvent();

        assertThat(fixture.anthropic.requestCount()).isEqualTo(1);
        assertThat(first.content().get(0).asText().text()).isEqualTo("Four, streamed in pieces.");
        assertThat(second).isEqualTo(first);
        assertThat(firstEvent.cacheHit()).isFalse();
        assertThat(secondEvent.cacheHit()).isTrue();
        assertThat(secondEvent.stream()).isTrue();
        assertThat(secondEvent.usage()).isEqualTo(RequestEvent.Usage.NONE);

        HttpResponse<String> raw = fixture.post("/v1/messages", ("{\"model\":\"" + MODEL + "\",\"max_tokens\":64,"
                + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"what is 2 + 2?\"}]}")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(raw.headers().firstValue("x-spillway-cache")).contains("hit");
        assertThat(raw.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        assertThat(raw.body()).startsWith("event: message_start").contains("event: message_stop");
    }

    @Test
    void aStreamIsNotServedToARequestForACompleteAnswer() throws Exception {
        fixture.anthropic.enqueue(AnthropicReply.text("streamed"));
        fixture.anthropic.enqueue(AnthropicReply.text("complete"));

        stream(params());
        fixture.nextEvent();
        HttpResponseFor<Message> complete = create(params());

        assertThat(cacheHeader(complete)).isEqualTo("miss");
        assertThat(text(complete)).isEqualTo("complete");
        assertThat(fixture.anthropic.requestCount()).isEqualTo(2);
    }

    @Test
    void anotherCallersKeyMisses() throws Exception {
        fixture.anthropic.enqueue(AnthropicReply.text("for the first caller"));
        fixture.anthropic.enqueue(AnthropicReply.text("for the second caller"));

        create(params());
        HttpResponseFor<Message> other = fixture.client(b -> b.apiKey("sk-ant-api03-test-other"))
                .messages().withRawResponse().create(params());

        assertThat(cacheHeader(other)).isEqualTo("miss");
        assertThat(text(other)).isEqualTo("for the second caller");
        assertThat(fixture.anthropic.requestCount()).isEqualTo(2);
    }

    @Test
    void noCacheFetchesAFreshAnswerWhichIsThenStored() throws Exception {
        fixture.anthropic.enqueue(AnthropicReply.text("stale"));
        fixture.anthropic.enqueue(AnthropicReply.text("fresh"));

        create(params());
        HttpResponseFor<Message> fresh = create(params(Map.of("no-cache", true)));
        HttpResponseFor<Message> later = create(params());

        assertThat(cacheHeader(fresh)).isEqualTo("miss");
        assertThat(text(fresh)).isEqualTo("fresh");
        assertThat(cacheHeader(later)).isEqualTo("hit");
        assertThat(text(later)).isEqualTo("fresh");
        assertThat(fixture.anthropic.requestCount()).isEqualTo(2);
        fixture.anthropic.takeRequest();
        RecordedRequest upstream = fixture.anthropic.takeRequest();
        assertThat(upstream.bodyJson().has("cache")).as("the cache controls stay in the gateway").isFalse();
        assertThat(upstream.bodyJson().get("messages").get(0).get("content").asText()).isEqualTo("what is 2 + 2?");
    }

    @Test
    void noStoreKeepsTheAnswerOutOfTheCache() throws Exception {
        fixture.anthropic.enqueue(AnthropicReply.text("not kept"));
        fixture.anthropic.enqueue(AnthropicReply.text("kept"));

        HttpResponseFor<Message> unstored = create(params(Map.of("no-store", true)));
        HttpResponseFor<Message> next = create(params());
        HttpResponseFor<Message> hit = create(params());

        assertThat(cacheHeader(unstored)).isEqualTo("miss");
        assertThat(cacheHeader(next)).isEqualTo("miss");
        assertThat(text(next)).isEqualTo("kept");
        assertThat(cacheHeader(hit)).isEqualTo("hit");
        assertThat(fixture.anthropic.requestCount()).isEqualTo(2);
    }

    @Test
    void errorsAreNotStored() throws Exception {
        fixture.anthropic.enqueue(AnthropicReply.error(400, "invalid_request_error", "bad request"));
        fixture.anthropic.enqueue(AnthropicReply.text("fine now"));

        HttpResponse<String> error = fixture.post("/v1/messages", GatewayFixture.body(MODEL, false));
        HttpResponse<String> retried = fixture.post("/v1/messages", GatewayFixture.body(MODEL, false));

        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.headers().firstValue("x-spillway-cache")).contains("miss");
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(retried.body()).contains("fine now");
        assertThat(fixture.anthropic.requestCount()).isEqualTo(2);
    }

    @Test
    void theWholeBodyDecides() throws Exception {
        fixture.anthropic.enqueue(AnthropicReply.text("four"));
        fixture.anthropic.enqueue(AnthropicReply.text("six"));

        create(params());
        HttpResponseFor<Message> other = create(params().toBuilder().messages(List.of())
                .addUserMessage("what is 3 + 3?").build());

        assertThat(cacheHeader(other)).isEqualTo("miss");
        assertThat(text(other)).isEqualTo("six");
        assertThat(fixture.anthropic.requestCount()).isEqualTo(2);
    }
}
