package dev.spillway.engine.translate;

import static dev.spillway.engine.translate.AnthropicToOpenAiRequestTest.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.core.ObjectMappers;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.json.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiToAnthropicStreamTest {

    /**
     * A GPT-style stream: role chunk, text, then two parallel tool calls whose argument fragments interleave by
     * index (as some compatible servers send them), the finish reason, the usage chunk and {@code [DONE]}.
     */
    static final List<String> INTERLEAVED_TOOL_CALLS = List.of(
            chunk("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}"),
            chunk("{\"content\":\"I'll read\"}"),
            chunk("{\"content\":\" both files.\"}"),
            toolChunk(0, "call_Qx1Lr3vX9", "Read", ""),
            toolChunk(0, null, null, "{\"file_path\":"),
            toolChunk(1, "call_8mZkT2bW", "Bash", ""),
            toolChunk(1, null, null, "{\"command\":\"ls"),
            toolChunk(0, null, null, "\"/repo/a.txt\"}"),
            toolChunk(1, null, null, " -la\",\"description\":"),
            toolChunk(1, null, null, "\"List files\"}"),
            finishChunk("tool_calls"),
            "{\"id\":\"chatcmpl-CBv1\",\"object\":\"chat.completion.chunk\",\"created\":1756200000,"
                    + "\"model\":\"gpt-5-2025-08-07\",\"choices\":[],\"usage\":{\"prompt_tokens\":2400,"
                    + "\"completion_tokens\":85,\"total_tokens\":2485,\"prompt_tokens_details\":"
                    + "{\"cached_tokens\":2048}}}",
            "[DONE]");

    @Test
    void interleavedParallelToolCallsComeOutAsOrderedBlocks() {
        List<SseEvent> events = translate(new OpenAiToAnthropicStream("claude-sonnet", "msg_chatcmpl-CBv1"),
                INTERLEAVED_TOOL_CALLS);

        assertThat(events).extracting(OpenAiToAnthropicStreamTest::describe).containsExactly(
                "message_start",
                "content_block_start 0 text",
                "content_block_delta 0 text_delta I'll read",
                "content_block_delta 0 text_delta  both files.",
                "content_block_stop 0",
                "content_block_start 1 tool_use call_Qx1Lr3vX9 Read",
                "content_block_delta 1 input_json_delta {\"file_path\":",
                "content_block_delta 1 input_json_delta \"/repo/a.txt\"}",
                "content_block_stop 1",
                "content_block_start 2 tool_use call_8mZkT2bW Bash",
                "content_block_delta 2 input_json_delta {\"command\":\"ls",
                "content_block_delta 2 input_json_delta  -la\",\"description\":",
                "content_block_delta 2 input_json_delta \"List files\"}",
                "content_block_stop 2",
                "message_delta tool_use",
                "message_stop");
        assertThat(events).allSatisfy(e -> assertThat(data(e).get("type").textValue()).isEqualTo(e.event()));
        Map<Integer, String> arguments = partialJsonByBlock(events);
        assertThat(parse(arguments.get(1))).isEqualTo(parse("{\"file_path\":\"/repo/a.txt\"}"));
        assertThat(parse(arguments.get(2))).isEqualTo(parse("{\"command\":\"ls -la\",\"description\":\"List files\"}"));
        assertThat(data(events.get(0))).isEqualTo(parse("""
                {"type": "message_start", "message": {"id": "msg_chatcmpl-CBv1", "type": "message",
                  "role": "assistant", "content": [], "model": "claude-sonnet", "stop_reason": null,
                  "stop_sequence": null, "usage": {"input_tokens": 0, "cache_creation_input_tokens": 0,
                  "cache_read_input_tokens": 0, "output_tokens": 0}}}
                """));
        assertThat(data(events.get(events.size() - 2))).isEqualTo(parse("""
                {"type": "message_delta", "delta": {"stop_reason": "tool_use", "stop_sequence": null},
                 "usage": {"input_tokens": 352, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 2048,
                           "output_tokens": 85}}
                """));
    }

    @Test
    void theAnthropicSdkAccumulatesTheTranslatedStream() throws Exception {
        List<SseEvent> events = translate(new OpenAiToAnthropicStream("claude-sonnet", "msg_chatcmpl-CBv1"),
                INTERLEAVED_TOOL_CALLS);

        MessageAccumulator accumulator = MessageAccumulator.create();
        for (SseEvent event : events) {
            accumulator.accumulate(
                    ObjectMappers.jsonMapper().readValue(event.data(), RawMessageStreamEvent.class));
        }
        Message message = accumulator.message().validate();

        assertThat(message.id()).isEqualTo("msg_chatcmpl-CBv1");
        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
        List<ContentBlock> content = message.content();
        assertThat(content).hasSize(3);
        assertThat(content.get(0).asText().text()).isEqualTo("I'll read both files.");
        ToolUseBlock read = content.get(1).asToolUse();
        assertThat(read.id()).isEqualTo("call_Qx1Lr3vX9");
        assertThat(read.name()).isEqualTo("Read");
        assertThat(read._input().convert(JsonNode.class)).isEqualTo(parse("{\"file_path\":\"/repo/a.txt\"}"));
        ToolUseBlock bash = content.get(2).asToolUse();
        assertThat(bash.id()).isEqualTo("call_8mZkT2bW");
        assertThat(bash.name()).isEqualTo("Bash");
        assertThat(bash._input().convert(JsonNode.class))
                .isEqualTo(parse("{\"command\":\"ls -la\",\"description\":\"List files\"}"));
        assertThat(message.usage().inputTokens()).isEqualTo(352);
        assertThat(message.usage().cacheReadInputTokens()).contains(2048L);
        assertThat(message.usage().outputTokens()).isEqualTo(85);
    }

    @Test
    void sequentialToolCallsStreamLiveChunkByChunk() {
        OpenAiToAnthropicStream stream = new OpenAiToAnthropicStream("m", "msg_1");
        List<List<String>> perChunk = new ArrayList<>();
        for (String chunk : List.of(
                toolChunk(0, "toolu_01A09q90qw90lq917835lq9", "Read", ""),
                toolChunk(0, null, null, "{\"file_path\":\"/a\"}"),
                toolChunk(1, "toolu_01B7xYk2fJ34qAmk2tNTrN7U", "Grep", ""),
                toolChunk(1, null, null, "{\"pattern\":"),
                toolChunk(1, null, null, "\"TODO\"}"))) {
            perChunk.add(describeAll(stream.onEvent(new SseEvent(null, chunk))));
        }

        assertThat(perChunk).containsExactly(
                List.of("message_start", "content_block_start 0 tool_use toolu_01A09q90qw90lq917835lq9 Read"),
                List.of("content_block_delta 0 input_json_delta {\"file_path\":\"/a\"}"),
                List.of("content_block_stop 0", "content_block_start 1 tool_use toolu_01B7xYk2fJ34qAmk2tNTrN7U Grep"),
                List.of("content_block_delta 1 input_json_delta {\"pattern\":"),
                List.of("content_block_delta 1 input_json_delta \"TODO\"}"));
        assertThat(describeAll(stream.onEnd())).containsExactly(
                "content_block_stop 1", "message_delta tool_use", "message_stop");
    }

    @Test
    void wholeToolCallsInOneChunkWithTheFinishReason() throws Exception {
        String chunk = "{\"id\":\"chatcmpl-7\",\"object\":\"chat.completion.chunk\",\"model\":\"qwen3\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":["
                + "{\"index\":0,\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"LS\","
                + "\"arguments\":\"{}\"}},"
                + "{\"index\":1,\"id\":\"call_b\",\"type\":\"function\",\"function\":{\"name\":\"Glob\","
                + "\"arguments\":\"{\\\"pattern\\\":\\\"**/*.java\\\"}\"}}]},\"finish_reason\":\"stop\"}]}";
        List<SseEvent> events = translate(new OpenAiToAnthropicStream("m", "msg_2"), List.of(chunk, "[DONE]"));

        assertThat(events).extracting(OpenAiToAnthropicStreamTest::describe).containsExactly(
                "message_start",
                "content_block_start 0 tool_use call_a LS",
                "content_block_delta 0 input_json_delta {}",
                "content_block_stop 0",
                "content_block_start 1 tool_use call_b Glob",
                "content_block_delta 1 input_json_delta {\"pattern\":\"**/*.java\"}",
                "content_block_stop 1",
                "message_delta tool_use",
                "message_stop");
        assertThat(data(events.get(7)).get("usage")).isEqualTo(parse("{\"output_tokens\":0}"));
        Message message = accumulate(events);
        assertThat(message.content()).extracting(block -> block.asToolUse().name()).containsExactly("LS", "Glob");
    }

    @Test
    void aToolCallWithoutArgumentsGetsAnEmptyInput() throws Exception {
        List<SseEvent> events = translate(new OpenAiToAnthropicStream("m", "msg_3"), List.of(
                toolChunk(0, "call_n", "TodoRead", ""), finishChunk("tool_calls"), "[DONE]"));

        assertThat(events).extracting(OpenAiToAnthropicStreamTest::describe).containsExactly(
                "message_start", "content_block_start 0 tool_use call_n TodoRead",
                "content_block_delta 0 input_json_delta {}", "content_block_stop 0",
                "message_delta tool_use", "message_stop");
        assertThat(accumulate(events).content().get(0).asToolUse()._input().convert(JsonNode.class))
                .isEqualTo(Json.object());
    }

    @Test
    void reasoningIsDroppedAndTextStreamsAsOneBlock() throws Exception {
        List<SseEvent> events = translate(new OpenAiToAnthropicStream("deepseek", "msg_4"), List.of(
                chunk("{\"role\":\"assistant\",\"content\":null,\"reasoning_content\":\"\"}"),
                chunk("{\"content\":null,\"reasoning_content\":\"The user greets me.\"}"),
                chunk("{\"content\":null,\"reasoning\":\"OpenRouter's field.\"}"),
                chunk("{\"content\":\"Hello\"}"),
                chunk("{\"content\":\"!\"}"),
                finishChunk("stop"),
                "{\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":30,"
                        + "\"prompt_cache_hit_tokens\":0}}",
                "[DONE]"));

        assertThat(events).extracting(OpenAiToAnthropicStreamTest::describe).containsExactly(
                "message_start",
                "content_block_start 0 text",
                "content_block_delta 0 text_delta Hello",
                "content_block_delta 0 text_delta !",
                "content_block_stop 0",
                "message_delta end_turn",
                "message_stop");
        Message message = accumulate(events);
        assertThat(message.content()).hasSize(1);
        assertThat(message.content().get(0).asText().text()).isEqualTo("Hello!");
        assertThat(message.usage().inputTokens()).isEqualTo(12);
        assertThat(message.usage().outputTokens()).isEqualTo(30);
    }

    @Test
    void textAfterToolCallsComesLastAndWhitespaceAloneIsDropped() {
        List<SseEvent> withText = translate(new OpenAiToAnthropicStream("m", "msg_5"), List.of(
                toolChunk(0, "call_1", "Read", "{\"file_path\":"),
                chunk("{\"content\":\"Reading \"}"),
                toolChunk(0, null, null, "\"/a\"}"),
                chunk("{\"content\":\"it now.\"}"),
                finishChunk("tool_calls")));
        List<SseEvent> withWhitespace = translate(new OpenAiToAnthropicStream("m", "msg_6"), List.of(
                toolChunk(0, "call_1", "Read", "{\"file_path\":\"/a\"}"),
                chunk("{\"content\":\"\\n\\n\"}"),
                finishChunk("tool_calls")));

        assertThat(withText).extracting(OpenAiToAnthropicStreamTest::describe).containsExactly(
                "message_start",
                "content_block_start 0 tool_use call_1 Read",
                "content_block_delta 0 input_json_delta {\"file_path\":",
                "content_block_delta 0 input_json_delta \"/a\"}",
                "content_block_stop 0",
                "content_block_start 1 text",
                "content_block_delta 1 text_delta Reading it now.",
                "content_block_stop 1",
                "message_delta tool_use",
                "message_stop");
        assertThat(withWhitespace).extracting(OpenAiToAnthropicStreamTest::describe).containsExactly(
                "message_start",
                "content_block_start 0 tool_use call_1 Read",
                "content_block_delta 0 input_json_delta {\"file_path\":\"/a\"}",
                "content_block_stop 0",
                "message_delta tool_use",
                "message_stop");
    }

    @Test
    void toolCallsWithoutIndexAreMatchedByIdOrFollowTheLastCall() {
        List<SseEvent> events = translate(new OpenAiToAnthropicStream("m", "msg_7"), List.of(
                chunk("{\"tool_calls\":[{\"id\":\"call_g1\",\"type\":\"function\",\"function\":{\"name\":\"Read\","
                        + "\"arguments\":\"{\\\"file_path\\\":\"}}]}"),
                chunk("{\"tool_calls\":[{\"function\":{\"arguments\":\"\\\"/a\\\"}\"}}]}"),
                chunk("{\"tool_calls\":[{\"id\":\"call_g2\",\"type\":\"function\",\"function\":{\"name\":\"LS\","
                        + "\"arguments\":\"{}\"}}]}"),
                finishChunk("tool_calls")));

        assertThat(events).extracting(OpenAiToAnthropicStreamTest::describe).containsExactly(
                "message_start",
                "content_block_start 0 tool_use call_g1 Read",
                "content_block_delta 0 input_json_delta {\"file_path\":",
                "content_block_delta 0 input_json_delta \"/a\"}",
                "content_block_stop 0",
                "content_block_start 1 tool_use call_g2 LS",
                "content_block_delta 1 input_json_delta {}",
                "content_block_stop 1",
                "message_delta tool_use",
                "message_stop");
    }

    @ParameterizedTest
    @CsvSource({
        "stop, end_turn",
        "length, max_tokens",
        "content_filter, refusal",
        "tool_calls, tool_use",
    })
    void theLastFinishReasonDecidesTheStopReason(String finishReason, String stopReason) {
        List<SseEvent> events = translate(new OpenAiToAnthropicStream("m", "msg_8"), List.of(
                chunk("{\"content\":\"partial answ\"}"), finishChunk(finishReason), "[DONE]"));

        assertThat(describe(events.get(events.size() - 2))).isEqualTo("message_delta " + stopReason);
    }

    @Test
    void anEmptyStreamStillMakesAWholeMessage() {
        OpenAiToAnthropicStream stream = new OpenAiToAnthropicStream("m", "msg_9");

        assertThat(stream.onEvent(new SseEvent(null, "[DONE]"))).isEmpty();
        assertThat(describeAll(stream.onEnd())).containsExactly("message_start", "message_delta end_turn",
                "message_stop");
        assertThat(stream.onEnd()).isEmpty();
        assertThat(stream.onEvent(new SseEvent(null, chunk("{\"content\":\"late\"}")))).isEmpty();
    }

    @Test
    void anErrorChunkEndsTheStreamWithAnAnthropicError() {
        OpenAiToAnthropicStream stream = new OpenAiToAnthropicStream("m", "msg_10");
        stream.onEvent(new SseEvent(null, chunk("{\"content\":\"Hel\"}")));

        List<SseEvent> error = new SseParser().feed(stream.onEvent(new SseEvent(null,
                "{\"id\":\"gen-1\",\"object\":\"chat.completion.chunk\",\"error\":{\"code\":429,"
                        + "\"message\":\"Rate limit exceeded: free-models-per-min\"},"
                        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"error\"}]}")));

        assertThat(error).hasSize(1);
        assertThat(error.get(0).event()).isEqualTo("error");
        assertThat(data(error.get(0))).isEqualTo(parse("""
                {"type": "error", "error": {"type": "rate_limit_error",
                 "message": "Rate limit exceeded: free-models-per-min"}}
                """));
        assertThat(stream.onEnd()).isEmpty();
        assertThat(stream.onError("server_error", "again")).isEmpty();
    }

    @Test
    void anUnparsableChunkEndsTheStreamWithAnApiError() {
        OpenAiToAnthropicStream stream = new OpenAiToAnthropicStream("m", "msg_11");

        List<SseEvent> events = new SseParser().feed(stream.onEvent(new SseEvent(null, "{\"choices\": [")));

        assertThat(events).extracting(e -> data(e).at("/error/type").textValue()).containsExactly("api_error");
    }

    @ParameterizedTest
    @CsvSource({
        "rate_limit_exceeded, rate_limit_error",
        "429, rate_limit_error",
        "tokens_per_min_rate_limit, rate_limit_error",
        "overloaded_error, overloaded_error",
        "server_error, api_error",
        "timeout, api_error",
        ", api_error",
    })
    void onErrorMapsTheErrorType(String type, String anthropicType) {
        byte[] bytes = new OpenAiToAnthropicStream("m", "msg_12").onError(type, "upstream said no");

        List<SseEvent> events = new SseParser().feed(bytes);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).event()).isEqualTo("error");
        assertThat(data(events.get(0))).isEqualTo(parse(
                "{\"type\":\"error\",\"error\":{\"type\":\"" + anthropicType + "\",\"message\":\"upstream said no\"}}"));
    }

    @Test
    void jsonCompletionIgnoresBracketsInsideStrings() {
        JsonCompletion json = new JsonCompletion();
        json.feed("{\"pattern\":\"a{b}[c\\\"}\"");
        assertThat(json.isComplete()).isFalse();
        json.feed(",\"n\":[1,{\"x\":2}]");
        assertThat(json.isComplete()).isFalse();
        json.feed("}");
        assertThat(json.isComplete()).isTrue();
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    static String chunk(String delta) {
        return "{\"id\":\"chatcmpl-CBv1\",\"object\":\"chat.completion.chunk\",\"created\":1756200000,"
                + "\"model\":\"gpt-5-2025-08-07\",\"system_fingerprint\":null,\"choices\":[{\"index\":0,\"delta\":"
                + delta + ",\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}";
    }

    static String toolChunk(int index, String id, String name, String arguments) {
        ObjectNode call = Json.object().put("index", index);
        if (id != null) {
            call.put("id", id).put("type", "function");
        }
        ObjectNode function = call.putObject("function");
        if (name != null) {
            function.put("name", name);
        }
        function.put("arguments", arguments);
        ObjectNode delta = Json.object();
        delta.putArray("tool_calls").add(call);
        return chunk(delta.toString());
    }

    static String finishChunk(String finishReason) {
        return chunk("{}").replace("\"finish_reason\":null", "\"finish_reason\":\"" + finishReason + "\"");
    }

    /** Runs the chunks as OpenAI's wire format through SseParser and the translator, and parses what comes out. */
    static List<SseEvent> translate(OpenAiToAnthropicStream stream, List<String> chunks) {
        StringBuilder wire = new StringBuilder();
        for (String chunk : chunks) {
            wire.append("data: ").append(chunk).append("\n\n");
        }
        byte[] wireBytes = wire.toString().getBytes(StandardCharsets.UTF_8);
        SseParser upstream = new SseParser();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < wireBytes.length; i += 37) { // arbitrary network chunking
            byte[] piece = Arrays.copyOfRange(wireBytes, i, Math.min(wireBytes.length, i + 37));
            for (SseEvent event : upstream.feed(piece)) {
                out.writeBytes(stream.onEvent(event));
            }
        }
        out.writeBytes(stream.onEnd());
        return new SseParser().feed(out.toByteArray());
    }

    static Message accumulate(List<SseEvent> events) throws Exception {
        MessageAccumulator accumulator = MessageAccumulator.create();
        for (SseEvent event : events) {
            accumulator.accumulate(ObjectMappers.jsonMapper().readValue(event.data(), RawMessageStreamEvent.class));
        }
        return accumulator.message().validate();
    }

    static List<String> describeAll(byte[] bytes) {
        return new SseParser().feed(bytes).stream().map(OpenAiToAnthropicStreamTest::describe).toList();
    }

    /** One event in a line: its type, block index, block or delta type and what it carries. */
    static String describe(SseEvent event) {
        JsonNode data = data(event);
        String type = data.get("type").textValue();
        return switch (type) {
            case "content_block_start" -> {
                JsonNode block = data.get("content_block");
                String text = type + " " + data.get("index").intValue() + " " + block.get("type").textValue();
                yield block.get("type").textValue().equals("tool_use")
                        ? text + " " + block.get("id").textValue() + " " + block.get("name").textValue()
                        : text;
            }
            case "content_block_delta" -> {
                JsonNode delta = data.get("delta");
                String deltaType = delta.get("type").textValue();
                yield type + " " + data.get("index").intValue() + " " + deltaType + " "
                        + delta.get(deltaType.equals("text_delta") ? "text" : "partial_json").textValue();
            }
            case "content_block_stop" -> type + " " + data.get("index").intValue();
            case "message_delta" -> type + " " + data.at("/delta/stop_reason").textValue();
            default -> type;
        };
    }

    static JsonNode data(SseEvent event) {
        return AnthropicToOpenAiRequestTest.parseAny(event.data());
    }

    static Map<Integer, String> partialJsonByBlock(List<SseEvent> events) {
        Map<Integer, String> byBlock = new LinkedHashMap<>();
        for (SseEvent event : events) {
            JsonNode data = data(event);
            if (data.at("/delta/type").asText("").equals("input_json_delta")) {
                byBlock.merge(data.get("index").intValue(), data.at("/delta/partial_json").textValue(), String::concat);
            }
        }
        return byBlock;
    }
}
