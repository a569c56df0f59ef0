package dev.spillway.simulators;

import static dev.spillway.simulators.AnthropicHttp.MODEL;
import static dev.spillway.simulators.AnthropicHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the Anthropic simulator answers, checked on the wire with {@link java.net.http.HttpClient}. */
class AnthropicSimulatorTest {

    private AnthropicSimulator anthropic;
    private AnthropicHttp http;

    @BeforeEach
    void start() {
        anthropic = AnthropicSimulator.start();
        http = new AnthropicHttp(anthropic.baseUrl());
    }

    @AfterEach
    void stop() {
        anthropic.close();
    }

    @Test
    void nonStreamingRequestGetsACompleteMessageForItsModel() throws Exception {
        anthropic.enqueue(AnthropicReply.text("Hello!").withUsage(10, 5, 3, 2));

        HttpResponse<String> response = http.send(http.messages(body(false, "Hi")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        assertThat(response.headers().firstValue("request-id")).hasValueSatisfying(id -> assertThat(id)
                .startsWith("req_"));
        assertThat(response.headers().firstValue("anthropic-ratelimit-requests-limit")).isPresent();
        JsonNode message = Json.parse(response.body());
        assertThat(message.path("id").asText()).startsWith("msg_");
        assertThat(message.path("type").asText()).isEqualTo("message");
        assertThat(message.path("role").asText()).isEqualTo("assistant");
        assertThat(message.path("model").asText()).isEqualTo(MODEL);
        assertThat(message.path("content")).hasSize(1);
        assertThat(message.path("content").get(0)).isEqualTo(Json.parse("{\"type\":\"text\",\"text\":\"Hello!\"}"));
        assertThat(message.path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(message.get("stop_sequence").isNull()).isTrue();
        assertThat(message.path("usage")).isEqualTo(Json.parse("""
                {"input_tokens":10,"cache_creation_input_tokens":2,"cache_read_input_tokens":3,"output_tokens":5}"""));
    }

    @Test
    void requestIsRecordedWithPathHeadersAndBody() throws Exception {
        http.send(http.messages(body(true, "Hi")).header("anthropic-beta", "claude-code-20250219"));

        RecordedRequest request = anthropic.takeRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/messages?beta=true");
        assertThat(request.header("Anthropic-Beta")).isEqualTo("claude-code-20250219");
        assertThat(request.header("X-API-KEY")).isEqualTo("sk-ant-api03-test");
        assertThat(request.bodyUtf8()).isEqualTo(body(true, "Hi"));
        assertThat(request.bodyJson().path("max_tokens").asInt()).isEqualTo(1024);
        assertThat(request.modelId()).isEqualTo(MODEL);
        assertThat(request.isStreaming()).isTrue();
        assertThat(anthropic.requestCount()).isEqualTo(1);
    }

    @Test
    void streamingTextFollowsTheDocumentedEventSequence() throws Exception {
        anthropic.enqueue(AnthropicReply.text("The quick brown fox.").withUsage(25, 7, 100, 50));

        HttpResponse<String> response = http.send(http.messages(body(true, "Hi")));

        assertThat(response.headers().firstValue("content-type")).contains("text/event-stream; charset=utf-8");
        List<ServerSentEvent> events = ServerSentEvent.parseAll(response.body());
        assertThat(events).allSatisfy(event -> assertThat(event.event()).isEqualTo(event.type()));
        assertThat(events).extracting(ServerSentEvent::type).containsExactly("message_start",
                "content_block_start", "ping", "content_block_delta", "content_block_delta", "content_block_delta",
                "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        JsonNode start = events.get(0).data().path("message");
        assertThat(start.path("model").asText()).isEqualTo(MODEL);
        assertThat(start.path("content")).isEmpty();
        assertThat(start.path("usage").path("input_tokens").asInt()).isEqualTo(25);
        assertThat(start.path("usage").path("cache_read_input_tokens").asInt()).isEqualTo(100);
        assertThat(start.path("usage").path("cache_creation_input_tokens").asInt()).isEqualTo(50);
        assertThat(deltas(events, "text")).isEqualTo("The quick brown fox.");
        JsonNode messageDelta = events.get(8).data();
        assertThat(messageDelta.path("delta").path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(messageDelta.path("usage").path("output_tokens").asInt()).isEqualTo(7);
    }

    @Test
    void toolUseStreamsItsInputAsPartialJson() throws Exception {
        String input = "{\"location\":\"Paris\",\"unit\":\"celsius\"}";
        anthropic.enqueue(AnthropicReply.toolUse("get_weather", "toolu_01A", input));
        anthropic.enqueue(AnthropicReply.toolUse("get_weather", "toolu_01A", input));

        List<ServerSentEvent> events = ServerSentEvent.parseAll(http.send(http.messages(body(true, "Hi"))).body());
        JsonNode message = Json.parse(http.send(http.messages(body(false, "Hi"))).body());

        assertThat(events.get(1).data().path("content_block")).isEqualTo(Json.parse(
                "{\"type\":\"tool_use\",\"id\":\"toolu_01A\",\"name\":\"get_weather\",\"input\":{}}"));
        assertThat(Json.parse(deltas(events, "partial_json"))).isEqualTo(Json.parse(input));
        assertThat(events.get(events.size() - 2).data().path("delta").path("stop_reason").asText())
                .isEqualTo("tool_use");
        assertThat(message.path("stop_reason").asText()).isEqualTo("tool_use");
        assertThat(message.path("content").get(0).path("input")).isEqualTo(Json.parse(input));
    }

    @Test
    void thinkingBlockEndsWithItsSignatureBeforeTheTextBlock() throws Exception {
        anthropic.enqueue(AnthropicReply.thinkingThenText("Let me think about it.", "EqQBsig==", "Answer."));

        List<ServerSentEvent> events = ServerSentEvent.parseAll(http.send(http.messages(body(true, "Hi"))).body());

        List<String> deltaTypes = events.stream().filter(e -> e.type().equals("content_block_delta"))
                .map(e -> e.data().path("index").asInt() + ":" + e.data().path("delta").path("type").asText())
                .distinct().toList();
        assertThat(deltaTypes).containsExactly("0:thinking_delta", "0:signature_delta", "1:text_delta");
        int signature = indexOf(events, "signature_delta");
        assertThat(events.get(signature + 1).type()).isEqualTo("content_block_stop");
        assertThat(events.get(signature).data().path("delta").path("signature").asText()).isEqualTo("EqQBsig==");
        assertThat(deltas(events, "thinking")).isEqualTo("Let me think about it.");
        assertThat(deltas(events, "text")).isEqualTo("Answer.");
    }

    @Test
    void defaultReplyEchoesTheLastUserMessage() throws Exception {
        JsonNode message = Json.parse(http.send(http.messages(body(false, "ping me back"))).body());

        assertThat(message.path("content").get(0).path("text").asText()).isEqualTo("Echo: ping me back");
    }

    @Test
    void rateLimitErrorHasTheApiShapeAndRetryAfter() throws Exception {
        anthropic.enqueue(AnthropicReply.rateLimited(30));

        HttpResponse<String> response = http.send(http.messages(body(true, "Hi")));

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("retry-after")).contains("30");
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        JsonNode error = Json.parse(response.body());
        assertThat(error.fieldNames()).toIterable().containsExactly("type", "error", "request_id");
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.path("error").path("type").asText()).isEqualTo("rate_limit_error");
        assertThat(error.path("request_id").asText()).isEqualTo(response.headers().firstValue("request-id").get());
    }

    @Test
    void overloadAndServerErrorsUseTheirDocumentedStatuses() throws Exception {
        anthropic.enqueue(AnthropicReply.overloaded());
        anthropic.enqueue(AnthropicReply.serverError());

        HttpResponse<String> overloaded = http.send(http.messages(body(false, "Hi")));
        HttpResponse<String> serverError = http.send(http.messages(body(false, "Hi")));

        assertThat(overloaded.statusCode()).isEqualTo(529);
        assertThat(Json.parse(overloaded.body()).path("error").path("type").asText()).isEqualTo("overloaded_error");
        assertThat(serverError.statusCode()).isEqualTo(500);
        assertThat(Json.parse(serverError.body()).path("error").path("type").asText()).isEqualTo("api_error");
    }

    @Test
    void streamThatErrorsMidwayEndsWithAnErrorEvent() throws Exception {
        anthropic.enqueue(AnthropicReply.streamThenError(4, "overloaded_error", "Overloaded"));

        HttpResponse<String> response = http.send(http.messages(body(true, "Hi")));

        assertThat(response.statusCode()).isEqualTo(200);
        List<ServerSentEvent> events = ServerSentEvent.parseAll(response.body());
        assertThat(events).extracting(ServerSentEvent::type)
                .containsExactly("message_start", "content_block_start", "ping", "content_block_delta", "error");
        assertThat(events.get(4).data().path("error").path("type").asText()).isEqualTo("overloaded_error");
    }

    @Test
    void countTokensAndModelsAnswerInTheirApiShapes() throws Exception {
        HttpResponse<String> count = http.send(HttpRequest.newBuilder(
                anthropic.baseUrl().resolve("/v1/messages/count_tokens"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(400))).build());
        HttpResponse<String> models = http.send(HttpRequest.newBuilder(anthropic.baseUrl().resolve("/v1/models"))
                .GET().build());

        assertThat(Json.parse(count.body())).isEqualTo(Json.parse("{\"input_tokens\":100}"));
        JsonNode list = Json.parse(models.body());
        assertThat(list.path("data").findValuesAsText("id")).contains("claude-sonnet-4-5-20250929");
        assertThat(list.path("data").get(0).path("type").asText()).isEqualTo("model");
        assertThat(list.path("has_more").asBoolean(true)).isFalse();
        assertThat(list.path("first_id").asText()).isEqualTo(list.path("data").get(0).path("id").asText());
    }

    @Test
    void unknownRouteIsNotFound() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(anthropic.baseUrl().resolve("/v1/complete"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Json.parse(response.body()).path("error").path("type").asText()).isEqualTo("not_found_error");
    }

    private static String deltas(List<ServerSentEvent> events, String field) {
        return events.stream().filter(e -> e.type().equals("content_block_delta"))
                .map(e -> e.data().path("delta").path(field))
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText)
                .collect(Collectors.joining());
    }

    private static int indexOf(List<ServerSentEvent> events, String deltaType) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).data().path("delta").path("type").asText().equals(deltaType)) {
                return i;
            }
        }
        throw new AssertionError("no " + deltaType);
    }
}
