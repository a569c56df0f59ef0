package dev.spillway.engine.translate;

import static dev.spillway.engine.translate.OpenAiClientJson.assertJson;
import static dev.spillway.engine.translate.OpenAiClientJson.json;
import static dev.spillway.engine.translate.OpenAiClientJson.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Anthropic messages as OpenAI chat.completion objects. */
class AnthropicToOpenAiResponseTest {

    private static final long CREATED = 1_760_000_000L;

    private static ObjectNode completion(String anthropicMessage) {
        return AnthropicToOpenAiResponse.translate(json(anthropicMessage), "claude-sonnet", "chatcmpl-abc123", CREATED);
    }

    @Test
    void aTextAnswerBecomesAChatCompletion() {
        assertJson(completion("""
                {'id':'msg_01XFDUDYJgAACzvnptvVoYEL','type':'message','role':'assistant',
                 'model':'claude-sonnet-4-5-20250929',
                 'content':[{'type':'text','text':'Hello'},{'type':'text','text':' there!'}],
                 'stop_reason':'end_turn','stop_sequence':null,
                 'usage':{'input_tokens':12,'output_tokens':6}}"""), """
                {'id':'chatcmpl-abc123','object':'chat.completion','created':1760000000,'model':'claude-sonnet',
                 'choices':[{'index':0,
                   'message':{'role':'assistant','content':'Hello there!','refusal':null},
                   'logprobs':null,'finish_reason':'stop'}],
                 'usage':{'prompt_tokens':12,'completion_tokens':6,'total_tokens':18,
                   'prompt_tokens_details':{'cached_tokens':0}}}""");
    }

    @Test
    void toolUseBlocksBecomeToolCallsWithIdsNamesAndCompactArguments() {
        ObjectNode completion = completion("""
                {'id':'msg_01','type':'message','role':'assistant','model':'claude-sonnet-4-5',
                 'content':[
                   {'type':'text','text':'Checking both.'},
                   {'type':'tool_use','id':'toolu_01A09q90qw90lq917835lq9','name':'get_weather',
                    'input':{'city':'Paris','units':{'temp':'C'},'days':[1, 2]}},
                   {'type':'tool_use','id':'call_from_openai_history','name':'now','input':{}}],
                 'stop_reason':'tool_use','stop_sequence':null,
                 'usage':{'input_tokens':300,'output_tokens':80}}""");

        assertJson(completion.get("choices").get(0), """
                {'index':0,'logprobs':null,'finish_reason':'tool_calls',
                 'message':{'role':'assistant','content':'Checking both.','refusal':null,'tool_calls':[
                   {'id':'toolu_01A09q90qw90lq917835lq9','type':'function','function':{'name':'get_weather',
                     'arguments':'{\\'city\\':\\'Paris\\',\\'units\\':{\\'temp\\':\\'C\\'},\\'days\\':[1,2]}'}},
                   {'id':'call_from_openai_history','type':'function','function':{'name':'now','arguments':'{}'}}]}}""");
    }

    @Test
    void anAnswerWithOnlyToolCallsHasNullContent() {
        JsonNode message = completion("""
                {'content':[{'type':'tool_use','id':'toolu_1','name':'f','input':{'a':1}}],
                 'stop_reason':'tool_use','usage':{'input_tokens':1,'output_tokens':1}}""")
                .get("choices").get(0).get("message");

        assertThat(message.get("content").isNull()).isTrue();
        assertThat(message.get("tool_calls")).hasSize(1);
    }

    @Test
    void thinkingBecomesReasoningContentAndRedactedThinkingIsLeftOut() {
        JsonNode message = completion("""
                {'content':[
                   {'type':'thinking','thinking':'The user wants a greeting.','signature':'EqQBCgIYAhIM'},
                   {'type':'redacted_thinking','data':'EmwKAhgBEgy3va3pzix'},
                   {'type':'thinking','thinking':' Keep it short.','signature':'EqQBCgIYAhIN'},
                   {'type':'text','text':'Hi!'}],
                 'stop_reason':'end_turn','usage':{'input_tokens':1,'output_tokens':1}}""")
                .get("choices").get(0).get("message");

        assertJson(message, """
                {'role':'assistant','content':'Hi!','refusal':null,
                 'reasoning_content':'The user wants a greeting. Keep it short.'}""");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "'end_turn'                      | stop",
        "'stop_sequence'                 | stop",
        "'max_tokens'                    | length",
        "'model_context_window_exceeded' | length",
        "'tool_use'                      | tool_calls",
        "'refusal'                       | content_filter",
        "'pause_turn'                    | stop",
        "'a_reason_from_the_future'      | stop",
        "null                            | stop",
    })
    void stopReasonsBecomeFinishReasons(String stopReason, String finishReason) {
        JsonNode choice = completion("{'content':[{'type':'text','text':'x'}],'stop_reason':" + stopReason + "}")
                .get("choices").get(0);

        assertThat(choice.get("finish_reason").asText()).isEqualTo(finishReason);
    }

    @Test
    void usageCountsCacheReadsAndWritesAsPromptTokensAndCacheReadsAsCached() {
        ObjectNode completion = completion("""
                {'content':[{'type':'text','text':'x'}],'stop_reason':'end_turn',
                 'usage':{'input_tokens':2048,'cache_read_input_tokens':1800,'cache_creation_input_tokens':248,
                   'output_tokens':503,'cache_creation':{'ephemeral_5m_input_tokens':148,'ephemeral_1h_input_tokens':100},
                   'output_tokens_details':{'thinking_tokens':120}}}""");

        assertJson(completion.get("usage"), """
                {'prompt_tokens':4096,'completion_tokens':503,'total_tokens':4599,
                 'prompt_tokens_details':{'cached_tokens':1800},
                 'completion_tokens_details':{'reasoning_tokens':120}}""");
    }

    @Test
    void theCreatedTimeIsNowInEpochSeconds() {
        long before = Instant.now().getEpochSecond();
        ObjectNode completion = AnthropicToOpenAiResponse.translate(
                parse("{\"content\":[],\"stop_reason\":\"end_turn\"}"), "gpt-4o", "chatcmpl-1");

        assertThat(completion.get("created").longValue()).isBetween(before, Instant.now().getEpochSecond());
        assertThat(completion.get("model").asText()).isEqualTo("gpt-4o");
        assertThat(completion.get("id").asText()).isEqualTo("chatcmpl-1");
        assertThat(completion.path("choices").get(0).path("message").get("content").isNull()).isTrue();
    }
}
