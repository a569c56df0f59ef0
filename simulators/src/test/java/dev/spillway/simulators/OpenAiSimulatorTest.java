package dev.spillway.simulators;

import static dev.spillway.simulators.OpenAiHttp.MODEL;
import static dev.spillway.simulators.OpenAiHttp.chatBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the OpenAI simulator answers on chat completions, checked on the wire with {@link java.net.http.HttpClient}. */
class OpenAiSimulatorTest {

    private OpenAiSimulator openAi;
    private OpenAiHttp http;

    @BeforeEach
    void start() {
        openAi = OpenAiSimulator.start();
        http = new OpenAiHttp(openAi.baseUrl());
    }

    @AfterEach
    void stop() {
        openAi.close();
    }

    @Test
    void nonStreamingRequestGetsAChatCompletionForItsModel() throws Exception {
        openAi.enqueue(OpenAiReply.text("Hello!").withUsage(19, 10, 3));
        long before = System.currentTimeMillis() / 1000;

        HttpResponse<String> response = http.send(http.chat(chatBody(false, "Hi")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        assertThat(response.headers().firstValue("x-request-id")).hasValueSatisfying(id -> assertThat(id)
                .matches("req_[0-9a-f]{32}"));
        assertThat(response.headers().firstValue("openai-version")).contains("2020-10-01");
        assertThat(response.headers().firstValue("x-ratelimit-remaining-requests")).contains("499");
        JsonNode completion = Json.parse(response.body());
        assertThat(completion.fieldNames()).toIterable().containsExactly("id", "object", "created", "model",
                "choices", "usage", "service_tier", "system_fingerprint");
        assertThat(completion.path("id").asText()).matches("chatcmpl-[0-9A-Za-z]{29}");
        assertThat(completion.path("object").asText()).isEqualTo("chat.completion");
        assertThat(completion.path("created").asLong()).isBetween(before, before + 60);
        assertThat(completion.path("model").asText()).isEqualTo(MODEL);
        assertThat(completion.path("system_fingerprint").asText()).matches("fp_[0-9a-f]{10}");
        assertThat(completion.path("choices")).containsExactly(Json.parse("""
                {"index":0,"message":{"role":"assistant","content":"Hello!","refusal":null,"annotations":[]},\
                "logprobs":null,"finish_reason":"stop"}"""));
        assertThat(completion.path("usage")).isEqualTo(Json.parse("""
                {"prompt_tokens":19,"completion_tokens":10,"total_tokens":29,\
                "prompt_tokens_details":{"cached_tokens":3,"audio_tokens":0},\
                "completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,\
                "accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}"""));
    }

    @Test
    void requestIsRecordedWithPathHeadersBodyModelAndStreamFlag() throws Exception {
        http.send(http.post("/v1/chat/completions?api-version=1", chatBody(true, "Hi")).header("OpenAI-Beta", "x"));

        RecordedRequest request = openAi.takeRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/chat/completions?api-version=1");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + OpenAiHttp.API_KEY);
        assertThat(request.header("openai-beta")).isEqualTo("x");
        assertThat(request.bodyUtf8()).isEqualTo(chatBody(true, "Hi"));
        assertThat(request.bodyJson().path("messages")).hasSize(2);
        assertThat(request.modelId()).isEqualTo(MODEL);
        assertThat(request.isStreaming()).isTrue();
        assertThat(openAi.requestCount()).isEqualTo(1);
    }

    @Test
    void streamedTextIsDataChunksEndingInDone() throws Exception {
        openAi.enqueue(OpenAiReply.text("The quick brown fox."));

        HttpResponse<String> response = http.send(http.chat(chatBody(true, "Hi")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("text/event-stream; charset=utf-8");
        assertThat(response.body()).startsWith("data: {\"id\":\"chatcmpl-").endsWith("\n\ndata: [DONE]\n\n");
        List<JsonNode> chunks = DataEvents.chunksBeforeDone(response.body());
        assertThat(chunks).hasSize(6).allSatisfy(chunk -> {
            assertThat(chunk.fieldNames()).toIterable().containsExactly("id", "object", "created", "model",
                    "service_tier", "system_fingerprint", "choices");
            assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.path("model").asText()).isEqualTo(MODEL);
            assertThat(chunk.path("choices")).hasSize(1);
            assertThat(chunk.path("choices").get(0).path("index").asInt()).isZero();
            assertThat(chunk.path("choices").get(0).get("logprobs").isNull()).isTrue();
        });
        assertThat(chunks.stream().map(chunk -> chunk.path("id").asText() + chunk.path("created").asLong())
                .distinct()).hasSize(1);
        List<JsonNode> deltas = DataEvents.deltas(chunks);
        assertThat(deltas.get(0)).isEqualTo(Json.parse("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}"));
        assertThat(deltas.subList(1, 5)).allSatisfy(delta -> assertThat(delta.fieldNames()).toIterable()
                .containsExactly("content"));
        assertThat(DataEvents.concat(deltas, "content")).isEqualTo("The quick brown fox.");
        assertThat(finishReasons(chunks)).containsExactly(null, null, null, null, null, "stop");
        assertThat(deltas.get(5)).isEmpty();
    }

    @Test
    void includeUsageAddsAUsageChunkWithoutChoicesBeforeDone() throws Exception {
        openAi.enqueue(OpenAiReply.text("Counted.").withUsage(12, 3, 0));

        List<JsonNode> chunks = DataEvents.chunksBeforeDone(http.send(http.chat(chatBody(true, true, "Hi"))).body());

        JsonNode last = chunks.get(chunks.size() - 1);
        assertThat(last.path("choices")).isEmpty();
        assertThat(last.path("object").asText()).isEqualTo("chat.completion.chunk");
        assertThat(last.path("id").asText()).isEqualTo(chunks.get(0).path("id").asText());
        assertThat(last.path("usage").path("prompt_tokens").asInt()).isEqualTo(12);
        assertThat(last.path("usage").path("completion_tokens").asInt()).isEqualTo(3);
        assertThat(last.path("usage").path("total_tokens").asInt()).isEqualTo(15);
        assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy(chunk -> {
            assertThat(chunk.has("usage")).isTrue();
            assertThat(chunk.get("usage").isNull()).isTrue();
        });
        assertThat(finishReasons(chunks.subList(0, chunks.size() - 1))).last().isEqualTo("stop");
    }

    @Test
    void withoutIncludeUsageNoChunkMentionsUsage() throws Exception {
        List<JsonNode> explicitOff = DataEvents.chunksBeforeDone(
                http.send(http.chat(chatBody(true, false, "Hi"))).body());
        List<JsonNode> absent = DataEvents.chunksBeforeDone(http.send(http.chat(chatBody(true, "Hi"))).body());

        assertThat(explicitOff).isNotEmpty().noneMatch(chunk -> chunk.has("usage"));
        assertThat(absent).isNotEmpty().noneMatch(chunk -> chunk.has("usage"));
        assertThat(explicitOff.get(explicitOff.size() - 1).path("choices")).hasSize(1);
    }

    @Test
    void parallelToolCallsStreamTheirFragmentsInterleaved() throws Exception {
        String paris = "{\"location\":\"Paris\",\"unit\":\"celsius\"}";
        String tokyo = "{\"location\":\"Tokyo\",\"unit\":\"celsius\"}";
        openAi.enqueue(OpenAiReply.toolCalls(new OpenAiReply.ToolCall("call_paris", "get_weather", paris),
                new OpenAiReply.ToolCall("call_tokyo", "get_weather", tokyo)));

        List<JsonNode> chunks = DataEvents.chunksBeforeDone(http.send(http.chat(chatBody(true, "Weather?"))).body());

        List<JsonNode> deltas = DataEvents.deltas(chunks);
        assertThat(deltas.get(0)).isEqualTo(Json.parse("""
                {"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_paris","type":"function",\
                "function":{"name":"get_weather","arguments":""}}],"refusal":null}"""));
        assertThat(deltas.get(1)).isEqualTo(Json.parse("""
                {"tool_calls":[{"index":1,"id":"call_tokyo","type":"function",\
                "function":{"name":"get_weather","arguments":""}}]}"""));
        List<JsonNode> fragments = deltas.subList(2, deltas.size() - 1).stream()
                .map(delta -> delta.path("tool_calls").get(0)).toList();
        assertThat(fragments).allSatisfy(fragment -> assertThat(fragment.fieldNames()).toIterable()
                .containsExactly("index", "function"));
        assertThat(fragments).extracting(fragment -> fragment.path("index").asInt())
                .containsExactly(0, 1, 0, 1, 0, 1, 0, 1);
        assertThat(arguments(fragments, 0)).isEqualTo(paris);
        assertThat(arguments(fragments, 1)).isEqualTo(tokyo);
        assertThat(finishReasons(chunks)).last().isEqualTo("tool_calls");
        assertThat(deltas.get(deltas.size() - 1)).isEmpty();
    }

    @Test
    void nonStreamingToolCallsHaveNullContent() throws Exception {
        openAi.enqueue(OpenAiReply.toolCalls(new OpenAiReply.ToolCall("call_1", "get_weather", "{\"city\":\"Oslo\"}"),
                new OpenAiReply.ToolCall(null, "get_time", "{}")));

        JsonNode choice = Json.parse(http.send(http.chat(chatBody(false, "Hi"))).body()).path("choices").get(0);

        JsonNode message = choice.path("message");
        assertThat(message.get("content").isNull()).isTrue();
        assertThat(message.path("tool_calls").get(0)).isEqualTo(Json.parse("""
                {"id":"call_1","type":"function",\
                "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Oslo\\"}"}}"""));
        assertThat(message.path("tool_calls").get(1).path("id").asText()).matches("call_[0-9A-Za-z]{24}");
        assertThat(message.path("tool_calls").get(1).path("function").path("arguments").asText()).isEqualTo("{}");
        assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
    }

    @Test
    void textThenToolCallsStreamsTheTextFirst() throws Exception {
        OpenAiReply reply = OpenAiReply.textThenToolCalls("Let me check.",
                new OpenAiReply.ToolCall("call_1", "lookup", "{\"q\":\"x\"}"));
        openAi.enqueue(reply);
        openAi.enqueue(reply);

        List<JsonNode> deltas = DataEvents.deltas(DataEvents.chunksBeforeDone(
                http.send(http.chat(chatBody(true, "Hi"))).body()));
        JsonNode message = Json.parse(http.send(http.chat(chatBody(false, "Hi"))).body())
                .path("choices").get(0).path("message");

        assertThat(deltas.get(0)).isEqualTo(Json.parse("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}"));
        assertThat(DataEvents.concat(deltas, "content")).isEqualTo("Let me check.");
        int firstToolDelta = indexOfFirst(deltas, "tool_calls");
        assertThat(deltas.subList(firstToolDelta, deltas.size() - 1)).allSatisfy(delta -> assertThat(
                delta.fieldNames()).toIterable().containsExactly("tool_calls"));
        assertThat(deltas.subList(0, firstToolDelta)).noneMatch(delta -> delta.has("tool_calls"));
        assertThat(message.path("content").asText()).isEqualTo("Let me check.");
        assertThat(message.path("tool_calls")).hasSize(1);
    }

    @Test
    void reasoningStreamsAsReasoningContentBeforeTheContent() throws Exception {
        OpenAiReply reply = OpenAiReply.reasoningThenText("First, think it through.", "42.").withUsage(10, 20, 0);
        openAi.enqueue(reply);
        openAi.enqueue(reply);

        List<JsonNode> deltas = DataEvents.deltas(DataEvents.chunksBeforeDone(
                http.send(http.chat(chatBody(true, "Hi"))).body()));
        JsonNode completion = Json.parse(http.send(http.chat(chatBody(false, "Hi"))).body());

        assertThat(deltas.get(0)).isEqualTo(Json.parse(
                "{\"role\":\"assistant\",\"content\":null,\"reasoning_content\":\"\"}"));
        int firstContent = indexOfFirstText(deltas, "content");
        assertThat(deltas.subList(1, firstContent)).isNotEmpty().allSatisfy(delta -> {
            assertThat(delta.get("content").isNull()).isTrue();
            assertThat(delta.get("reasoning_content").isTextual()).isTrue();
        });
        assertThat(deltas.subList(firstContent, deltas.size() - 1)).isNotEmpty().allSatisfy(delta -> {
            assertThat(delta.get("content").isTextual()).isTrue();
            assertThat(delta.get("reasoning_content").isNull()).isTrue();
        });
        assertThat(DataEvents.concat(deltas, "reasoning_content")).isEqualTo("First, think it through.");
        assertThat(DataEvents.concat(deltas, "content")).isEqualTo("42.");
        JsonNode message = completion.path("choices").get(0).path("message");
        assertThat(message.path("reasoning_content").asText()).isEqualTo("First, think it through.");
        assertThat(message.path("content").asText()).isEqualTo("42.");
        assertThat(completion.path("usage").path("completion_tokens_details").path("reasoning_tokens").asInt())
                .isEqualTo(6);
    }

    @Test
    void defaultReplyEchoesTheLastUserText() throws Exception {
        String parts = """
                {"model":"llama3.2","messages":[{"role":"user","content":"first"},{"role":"assistant","content":"ok"},\
                {"role":"user","content":[{"type":"text","text":"second "},{"type":"text","text":"part"}]}]}""";

        JsonNode plain = Json.parse(http.send(http.chat(chatBody(false, "ping me back"))).body());
        JsonNode fromParts = Json.parse(http.send(http.chat(parts)).body());

        assertThat(plain.path("choices").get(0).path("message").path("content").asText())
                .isEqualTo("Echo: ping me back");
        assertThat(fromParts.path("choices").get(0).path("message").path("content").asText())
                .isEqualTo("Echo: second part");
        assertThat(fromParts.path("model").asText()).isEqualTo("llama3.2");
    }

    @Test
    void chatCompletionsAreServedUnderAnyPrefix() throws Exception {
        for (String path : List.of("/chat/completions", "/api/v1/chat/completions", "/openai/v1/chat/completions")) {
            HttpResponse<String> response = http.send(http.post(path, chatBody(false, path)));

            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(Json.parse(response.body()).path("choices").get(0).path("message").path("content").asText())
                    .isEqualTo("Echo: " + path);
        }
    }

    @Test
    void finishReasonAndHeadersCanBeScripted() throws Exception {
        OpenAiReply reply = OpenAiReply.text("Truncated").withFinishReason("length")
                .withHeader("x-ratelimit-remaining-tokens", "7").withHeader("openrouter-provider", "Groq");
        openAi.enqueue(reply);
        openAi.enqueue(reply);

        HttpResponse<String> plain = http.send(http.chat(chatBody(false, "Hi")));
        HttpResponse<String> streamed = http.send(http.chat(chatBody(true, "Hi")));

        assertThat(Json.parse(plain.body()).path("choices").get(0).path("finish_reason").asText())
                .isEqualTo("length");
        assertThat(finishReasons(DataEvents.chunksBeforeDone(streamed.body()))).last().isEqualTo("length");
        assertThat(plain.headers().allValues("x-ratelimit-remaining-tokens")).containsExactly("7");
        assertThat(streamed.headers().firstValue("openrouter-provider")).contains("Groq");
    }

    private static List<String> finishReasons(List<JsonNode> chunks) {
        return chunks.stream().map(chunk -> chunk.path("choices").get(0).get("finish_reason"))
                .map(reason -> reason.isNull() ? null : reason.asText()).toList();
    }

    private static String arguments(List<JsonNode> fragments, int index) {
        return fragments.stream().filter(fragment -> fragment.path("index").asInt() == index)
                .map(fragment -> fragment.path("function").path("arguments").asText())
                .collect(Collectors.joining());
    }

    private static int indexOfFirst(List<JsonNode> deltas, String field) {
        for (int i = 0; i < deltas.size(); i++) {
            if (deltas.get(i).has(field)) {
                return i;
            }
        }
        throw new AssertionError("no delta has " + field);
    }

    private static int indexOfFirstText(List<JsonNode> deltas, String field) {
        for (int i = 0; i < deltas.size(); i++) {
            if (deltas.get(i).path(field).isTextual() && !deltas.get(i).path(field).asText().isEmpty()) {
                return i;
            }
        }
        throw new AssertionError("no delta has text in " + field);
    }
}
