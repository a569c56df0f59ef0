package dev.spillway.engine.translate;

import static dev.spillway.engine.translate.OpenAiClientJson.json;
import static dev.spillway.engine.translate.OpenAiClientJson.parse;
import static dev.spillway.engine.translate.OpenAiClientJson.sseData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Anthropic Messages streams as OpenAI chat.completion.chunk streams. */
class AnthropicToOpenAiStreamTest {

    private static final long CREATED = 1_760_000_000L;
    private static final String HEAD = "'id':'chatcmpl-s1','object':'chat.completion.chunk','created':1760000000,"
            + "'model':'claude-sonnet'";

    /** Text, then a tool call whose input arrives in pieces, then the stop reason and usage. */
    private static final List<SseEvent> TEXT_THEN_TOOL_USE = List.of(
            event("message_start", """
                    {'type':'message_start','message':{'id':'msg_01','type':'message','role':'assistant','content':[],
                     'model':'claude-sonnet-4-5-20250929','stop_reason':null,'stop_sequence':null,
                     'usage':{'input_tokens':25,'cache_creation_input_tokens':10,'cache_read_input_tokens':2000,
                       'output_tokens':1}}}"""),
            event("content_block_start", "{'type':'content_block_start','index':0,'content_block':{'type':'text','text':''}}"),
            event("ping", "{'type':'ping'}"),
            event("content_block_delta", "{'type':'content_block_delta','index':0,'delta':{'type':'text_delta','text':'Let me'}}"),
            event("content_block_delta", "{'type':'content_block_delta','index':0,'delta':{'type':'text_delta','text':' check.'}}"),
            event("content_block_stop", "{'type':'content_block_stop','index':0}"),
            event("content_block_start", """
                    {'type':'content_block_start','index':1,'content_block':{'type':'tool_use',
                     'id':'toolu_01T1x1fJ34qAmk2tNTrN7Up6','name':'get_weather','input':{}}}"""),
            inputJson(1, ""),
            inputJson(1, "{\"location\":"),
            inputJson(1, " \"Paris, "),
            inputJson(1, "France\", \"unit\": \"celsius\"}"),
            event("content_block_stop", "{'type':'content_block_stop','index':1}"),
            event("message_delta", """
                    {'type':'message_delta','delta':{'stop_reason':'tool_use','stop_sequence':null},
                     'usage':{'output_tokens':89}}"""),
            event("message_stop", "{'type':'message_stop'}"));

    private static SseEvent event(String type, String singleQuotedData) {
        return new SseEvent(type, singleQuotedData.replace('\'', '"'));
    }

    private static SseEvent inputJson(int index, String partialJson) {
        ObjectNode data = (ObjectNode) json("{'type':'content_block_delta','delta':{'type':'input_json_delta'}}");
        data.put("index", index);
        ((ObjectNode) data.get("delta")).put("partial_json", partialJson);
        return new SseEvent("content_block_delta", data.toString());
    }

    private static AnthropicToOpenAiStream stream(boolean includeUsage) {
        return new AnthropicToOpenAiStream("claude-sonnet", "chatcmpl-s1", includeUsage, CREATED);
    }

    /** Feeds the events and the end; returns the bytes the client receives. */
    private static byte[] run(AnthropicToOpenAiStream stream, List<SseEvent> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        events.forEach(event -> out.writeBytes(stream.onEvent(event)));
        out.writeBytes(stream.onEnd());
        return out.toByteArray();
    }

    private static JsonNode chunk(String delta, String finishReason, boolean usageNull) {
        return json("{" + HEAD + ",'choices':[{'index':0,'delta':" + delta + ",'logprobs':null,'finish_reason':"
                + (finishReason == null ? "null" : "'" + finishReason + "'") + "}]" + (usageNull ? ",'usage':null" : "")
                + "}");
    }

    private static List<JsonNode> expectedTextThenToolUse(boolean includeUsage) {
        List<JsonNode> chunks = new ArrayList<>(List.of(
                chunk("{'role':'assistant','content':''}", null, includeUsage),
                chunk("{'content':'Let me'}", null, includeUsage),
                chunk("{'content':' check.'}", null, includeUsage),
                chunk("{'tool_calls':[{'index':0,'id':'toolu_01T1x1fJ34qAmk2tNTrN7Up6','type':'function',"
                        + "'function':{'name':'get_weather','arguments':''}}]}", null, includeUsage),
                chunk("{'tool_calls':[{'index':0,'function':{'arguments':'{\\'location\\':'}}]}", null, includeUsage),
                chunk("{'tool_calls':[{'index':0,'function':{'arguments':' \\'Paris, '}}]}", null, includeUsage),
                chunk("{'tool_calls':[{'index':0,'function':{'arguments':'France\\', \\'unit\\': \\'celsius\\'}'}}]}",
                        null, includeUsage),
                chunk("{}", "tool_calls", includeUsage)));
        if (includeUsage) {
            chunks.add(json("{" + HEAD + ",'choices':[],'usage':{'prompt_tokens':2035,'completion_tokens':89,"
                    + "'total_tokens':2124,'prompt_tokens_details':{'cached_tokens':2000}}}"));
        }
        chunks.add(TextNode.valueOf("[DONE]"));
        return chunks;
    }

    @Test
    void textThenToolUseWithUsage() {
        assertThat(sseData(run(stream(true), TEXT_THEN_TOOL_USE))).containsExactlyElementsOf(
                expectedTextThenToolUse(true));
    }

    @Test
    void textThenToolUseWithoutUsageHasNoUsageChunkAndNoUsageField() {
        List<JsonNode> chunks = sseData(run(stream(false), TEXT_THEN_TOOL_USE));

        assertThat(chunks).containsExactlyElementsOf(expectedTextThenToolUse(false));
        assertThat(chunks).noneMatch(chunk -> chunk.has("usage"));
    }

    @Test
    void theArgumentDeltasConcatenateToTheToolInput() {
        StringBuilder arguments = new StringBuilder();
        for (JsonNode chunk : sseData(run(stream(false), TEXT_THEN_TOOL_USE))) {
            for (JsonNode call : chunk.path("choices").path(0).path("delta").path("tool_calls")) {
                arguments.append(call.path("function").path("arguments").asText());
            }
        }

        assertThat(parse(arguments.toString())).isEqualTo(json("{'location':'Paris, France','unit':'celsius'}"));
    }

    @Test
    void eachChunkIsOneDataLineAndDoneComesLast() {
        String wire = new String(run(stream(true), TEXT_THEN_TOOL_USE), StandardCharsets.UTF_8);

        assertThat(wire).endsWith("}\n\ndata: [DONE]\n\n").doesNotContain("event:").startsWith("data: {\"id\":");
        assertThat(wire.split("\n\n")).allMatch(line -> line.startsWith("data: ") && !line.contains("\n"));
        assertThat(wire.split("\n\n")).hasSize(10);
    }

    @Test
    void everyChunkNamesTheSameCompletionAndModel() {
        long before = Instant.now().getEpochSecond();
        List<JsonNode> all = sseData(run(new AnthropicToOpenAiStream("gpt-4o", "chatcmpl-x", true),
                TEXT_THEN_TOOL_USE));
        List<JsonNode> chunks = all.subList(0, all.size() - 1);

        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.get("id").asText()).isEqualTo("chatcmpl-x");
            assertThat(chunk.get("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.get("model").asText()).isEqualTo("gpt-4o");
            assertThat(chunk.get("created").longValue()).isEqualTo(chunks.get(0).get("created").longValue())
                    .isBetween(before, Instant.now().getEpochSecond());
        });
    }

    @Test
    void thinkingStreamsAsReasoningContentAndSignaturesAreLeftOut() {
        List<JsonNode> chunks = sseData(run(stream(false), List.of(
                event("message_start", "{'type':'message_start','message':{'usage':{'input_tokens':5,'output_tokens':1}}}"),
                event("content_block_start", "{'type':'content_block_start','index':0,"
                        + "'content_block':{'type':'thinking','thinking':'','signature':''}}"),
                event("content_block_delta", "{'type':'content_block_delta','index':0,"
                        + "'delta':{'type':'thinking_delta','thinking':'I need the GCD'}}"),
                event("content_block_delta", "{'type':'content_block_delta','index':0,"
                        + "'delta':{'type':'thinking_delta','thinking':' of 1071 and 462.'}}"),
                event("content_block_delta", "{'type':'content_block_delta','index':0,"
                        + "'delta':{'type':'signature_delta','signature':'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl'}}"),
                event("content_block_stop", "{'type':'content_block_stop','index':0}"),
                event("content_block_start", "{'type':'content_block_start','index':1,"
                        + "'content_block':{'type':'redacted_thinking','data':'EmwKAhgBEgy3va3pzix'}}"),
                event("content_block_stop", "{'type':'content_block_stop','index':1}"),
                event("content_block_start", "{'type':'content_block_start','index':2,"
                        + "'content_block':{'type':'text','text':''}}"),
                event("content_block_delta", "{'type':'content_block_delta','index':2,"
                        + "'delta':{'type':'text_delta','text':'21'}}"),
                event("message_delta", "{'type':'message_delta','delta':{'stop_reason':'end_turn'},"
                        + "'usage':{'output_tokens':40}}"),
                event("message_stop", "{'type':'message_stop'}"))));

        assertThat(chunks).containsExactly(
                chunk("{'role':'assistant','content':''}", null, false),
                chunk("{'reasoning_content':'I need the GCD'}", null, false),
                chunk("{'reasoning_content':' of 1071 and 462.'}", null, false),
                chunk("{'content':'21'}", null, false),
                chunk("{}", "stop", false),
                TextNode.valueOf("[DONE]"));
    }

    @Test
    void toolCallsAreNumberedFromZeroInStreamOrderWhateverTheirBlockIndex() {
        List<JsonNode> chunks = sseData(run(stream(false), List.of(
                event("message_start", "{'type':'message_start','message':{'usage':{'input_tokens':5}}}"),
                event("content_block_start", "{'type':'content_block_start','index':0,"
                        + "'content_block':{'type':'text','text':'Two calls.'}}"),
                event("content_block_start", "{'type':'content_block_start','index':1,"
                        + "'content_block':{'type':'tool_use','id':'toolu_a','name':'read','input':{}}}"),
                inputJson(1, "{\"path\":\"a\"}"),
                event("content_block_start", "{'type':'content_block_start','index':2,"
                        + "'content_block':{'type':'server_tool_use','id':'srvtoolu_1','name':'web_search','input':{}}}"),
                inputJson(2, "{\"query\":\"x\"}"),
                event("content_block_start", "{'type':'content_block_start','index':3,"
                        + "'content_block':{'type':'tool_use','id':'toolu_b','name':'write','input':{'path':'b'}}}"),
                event("message_delta", "{'type':'message_delta','delta':{'stop_reason':'tool_use'},"
                        + "'usage':{'output_tokens':30}}"))));

        assertThat(chunks).containsExactly(
                chunk("{'role':'assistant','content':''}", null, false),
                chunk("{'content':'Two calls.'}", null, false),
                chunk("{'tool_calls':[{'index':0,'id':'toolu_a','type':'function',"
                        + "'function':{'name':'read','arguments':''}}]}", null, false),
                chunk("{'tool_calls':[{'index':0,'function':{'arguments':'{\\'path\\':\\'a\\'}'}}]}", null, false),
                chunk("{'tool_calls':[{'index':1,'id':'toolu_b','type':'function',"
                        + "'function':{'name':'write','arguments':'{\\'path\\':\\'b\\'}'}}]}", null, false),
                chunk("{}", "tool_calls", false),
                TextNode.valueOf("[DONE]"));
    }

    @Test
    void usageTakesInputFromMessageStartAndTheLastCumulativeCountsFromMessageDelta() {
        AnthropicToOpenAiStream stream = stream(true);
        List<JsonNode> chunks = sseData(run(stream, List.of(
                event("message_start", "{'type':'message_start','message':{'usage':{'input_tokens':2679,"
                        + "'cache_creation_input_tokens':0,'cache_read_input_tokens':0,'output_tokens':3}}}"),
                event("message_delta", "{'type':'message_delta','delta':{'stop_reason':null},"
                        + "'usage':{'output_tokens':200}}"),
                event("message_delta", "{'type':'message_delta','delta':{'stop_reason':'max_tokens'},"
                        + "'usage':{'input_tokens':10682,'cache_creation_input_tokens':0,'cache_read_input_tokens':0,"
                        + "'output_tokens':510,'server_tool_use':{'web_search_requests':1}}}"),
                event("message_delta", "{'type':'message_delta','delta':{'stop_reason':'max_tokens'},"
                        + "'usage':{'output_tokens':512}}"))));

        assertThat(chunks).containsExactly(
                chunk("{'role':'assistant','content':''}", null, true),
                chunk("{}", "length", true),
                json("{" + HEAD + ",'choices':[],'usage':{'prompt_tokens':10682,'completion_tokens':512,"
                        + "'total_tokens':11194,'prompt_tokens_details':{'cached_tokens':0}}}"),
                TextNode.valueOf("[DONE]"));
    }

    @Test
    void anAnthropicErrorEventBecomesAnOpenAiErrorChunk() {
        AnthropicToOpenAiStream stream = stream(false);

        byte[] bytes = stream.onEvent(event("error",
                "{'type':'error','error':{'type':'overloaded_error','message':'Overloaded'}}"));

        assertThat(sseData(bytes)).containsExactly(json(
                "{'error':{'message':'Overloaded','type':'service_unavailable_error','param':null,'code':null}}"));
    }

    @Test
    void onErrorWritesAnOpenAiErrorChunk() {
        assertThat(new String(stream(true).onError("server_error", "upstream connection lost"),
                StandardCharsets.UTF_8)).isEqualTo("data: {\"error\":{\"message\":\"upstream connection lost\","
                + "\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n");
    }

    @Test
    void unknownEventsAndDeltasAreIgnoredAndUnreadableOnesReported() {
        AnthropicToOpenAiStream stream = stream(false);

        assertThat(stream.onEvent(event("a_new_event", "{'type':'a_new_event','x':1}"))).isEmpty();
        assertThat(stream.onEvent(event("content_block_delta", "{'type':'content_block_delta','index':0,"
                + "'delta':{'type':'citations_delta','citation':{}}}"))).isEmpty();
        assertThat(stream.onEvent(event("content_block_delta", "{'type':'content_block_delta','index':7,"
                + "'delta':{'type':'input_json_delta','partial_json':'{}'}}"))).isEmpty();
        assertThat(stream.onEvent(event("message_stop", "{'type':'message_stop'}"))).isEmpty();
        assertThat(sseData(stream.onEvent(new SseEvent("message_delta", "{not json"))).get(0).path("error")
                .path("type").asText()).isEqualTo("server_error");
    }

    @Test
    void theEndAloneStillEndsTheStream() {
        assertThat(new String(stream(false).onEnd(), StandardCharsets.UTF_8)).isEqualTo("data: [DONE]\n\n");
        assertThat(sseData(stream(true).onEnd())).containsExactly(
                json("{" + HEAD + ",'choices':[],'usage':{'prompt_tokens':0,'completion_tokens':0,'total_tokens':0,"
                        + "'prompt_tokens_details':{'cached_tokens':0}}}"),
                TextNode.valueOf("[DONE]"));
    }

    @Test
    void itIsTheGatewaysStreamTranslator() {
        StreamTranslator translator = stream(false);

        assertThat(new String(translator.onEnd(), StandardCharsets.UTF_8)).isEqualTo("data: [DONE]\n\n");
    }
}
