package dev.spillway.engine.translate;

import static dev.spillway.engine.translate.OpenAiClientJson.assertJson;
import static dev.spillway.engine.translate.OpenAiClientJson.json;
import static dev.spillway.engine.translate.OpenAiClientJson.rejects;
import static dev.spillway.engine.translate.OpenAiClientJson.translate;
import static dev.spillway.engine.translate.OpenAiClientJson.wire;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Top-level request fields: translated, accepted at their defaults, or refused naming the field. */
class OpenAiToAnthropicRequestTest {

    private static final String HI = "'messages':[{'role':'user','content':'Hi'}]";

    private static String request(String fields) {
        return "{'model':'claude-sonnet'," + HI + (fields.isEmpty() ? "" : "," + fields) + "}";
    }

    @Test
    void aMinimalRequestGetsTheUpstreamModelAndTheDefaultMaxTokens() {
        assertJson(translate(request("")), """
                {'model':'claude-sonnet-4-5-20250929','max_tokens':4096,
                 'messages':[{'role':'user','content':'Hi'}]}""");
    }

    @Test
    void theInputIsNotModified() {
        ObjectNode input = (ObjectNode) json(request("'stop':'END','tools':[{'type':'function','function':{'name':'f'}}]"));
        ObjectNode before = input.deepCopy();

        OpenAiToAnthropicRequest.translate(input, "m");

        assertThat(input).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void streamIsCopied(boolean stream) {
        assertThat(translate(request("'stream':" + stream)).get("stream").booleanValue()).isEqualTo(stream);
    }

    @Test
    void streamOptionsAreLeftToTheResponseSide() {
        assertThat(translate(request("'stream':true,'stream_options':{'include_usage':true}")))
                .isEqualTo(translate(request("'stream':true")));
    }

    @ParameterizedTest(name = "{0} -> max_tokens {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "'max_completion_tokens':100,'max_tokens':50 | 100",
        "'max_tokens':50                             | 50",
        "'max_completion_tokens':null,'max_tokens':7 | 7",
        "'max_completion_tokens':64000               | 64000",
        "'temperature':0.5                           | 4096",
    })
    void maxTokensComesFromMaxCompletionTokensElseMaxTokensElseTheDefault(String fields, int expected) {
        assertThat(translate(request(fields)).get("max_tokens").intValue()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "'max_tokens':0                | max_tokens",
        "'max_tokens':-5               | max_tokens",
        "'max_tokens':'100'            | max_tokens",
        "'max_completion_tokens':1.5   | max_completion_tokens",
    })
    void invalidMaxTokensAreRefused(String fields, String field) {
        rejects(request(fields), field);
    }

    @Test
    void samplingParametersAreCopiedExactly() {
        assertJson(translate(request("'temperature':0.7,'top_p':0.9,'top_k':40")), """
                {'model':'claude-sonnet-4-5-20250929','max_tokens':4096,'messages':[{'role':'user','content':'Hi'}],
                 'temperature':0.7,'top_p':0.9,'top_k':40}""");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.0", "1", "1.0", "0.25"})
    void temperaturesUpToOnePassUnchanged(String temperature) {
        assertThat(translate(request("'temperature':" + temperature)).get("temperature").decimalValue())
                .isEqualByComparingTo(temperature);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "'temperature':1.2  | temperature",
        "'temperature':2    | temperature",
        "'temperature':-0.1 | temperature",
        "'temperature':'hot'| temperature",
        "'top_p':1.5        | top_p",
        "'top_k':-1         | top_k",
        "'top_k':2.5        | top_k",
    })
    void samplingParametersOutsideAnthropicsRangesAreRefused(String fields, String field) {
        rejects(request(fields), field);
    }

    @Test
    void temperatureAboveOneIsRefusedNotRescaled() {
        assertThat(rejects(request("'temperature':1.5"), "temperature").getMessage()).contains("at most 1");
    }

    @Test
    void stopBecomesStopSequences() {
        assertThat(wire(translate(request("'stop':'END'")).get("stop_sequences"))).isEqualTo(json("{'s':['END']}")
                .get("s"));
        assertThat(wire(translate(request("'stop':['END','\\n\\nHuman:']")).get("stop_sequences")))
                .isEqualTo(json("{'s':['END','\\n\\nHuman:']}").get("s"));
        assertThat(translate(request("'stop':[]")).has("stop_sequences")).isFalse();
        assertThat(translate(request("'stop':null")).has("stop_sequences")).isFalse();
        rejects(request("'stop':['END',3]"), "stop[1]");
        rejects(request("'stop':5"), "stop");
    }

    @Test
    void userBecomesMetadataUserId() {
        assertJson(translate(request("'user':'user-42'")).get("metadata"), "{'user_id':'user-42'}");
        assertThat(translate(request("'user':''")).has("metadata")).isFalse();
        rejects(request("'user':42"), "user");
    }

    @ParameterizedTest(name = "{0}: budget {1}, max_tokens {3} (asked {2})")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "minimal | 1024  | -     | 4096",
        "low     | 2048  | -     | 4096",
        "medium  | 8192  | -     | 9216",
        "high    | 16384 | -     | 17408",
        "xhigh   | 32768 | -     | 33792",
        "low     | 2048  | 10000 | 10000",
        "medium  | 8192  | 8192  | 9216",
    })
    void reasoningEffortBecomesAThinkingBudgetBelowMaxTokens(String effort, int budget, String maxCompletionTokens,
            int maxTokens) {
        String fields = "'reasoning_effort':'" + effort + "'"
                + (maxCompletionTokens.equals("-") ? "" : ",'max_completion_tokens':" + maxCompletionTokens);
        ObjectNode body = translate(request(fields));

        assertJson(body.get("thinking"), "{'type':'enabled','budget_tokens':" + budget + "}");
        assertThat(body.get("max_tokens").intValue()).isEqualTo(maxTokens)
                .isGreaterThanOrEqualTo(budget + OpenAiToAnthropicRequest.THINKING_HEADROOM);
    }

    @Test
    void reasoningEffortNoneMeansNoThinking() {
        assertThat(translate(request("'reasoning_effort':'none'"))).isEqualTo(translate(request("")));
        assertThat(translate(request("'reasoning_effort':null"))).isEqualTo(translate(request("")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "'reasoning_effort':'extreme'                    | reasoning_effort",
        "'reasoning_effort':3                            | reasoning_effort",
        "'reasoning_effort':'low','temperature':0.2      | temperature",
        "'reasoning_effort':'low','top_p':0.5            | top_p",
        "'reasoning_effort':'low','top_k':5              | top_k",
        "'reasoning_effort':'low','tool_choice':'required','tools':[{'type':'function','function':{'name':'f'}}] "
                + "| tool_choice",
        "'reasoning_effort':'low','tool_choice':{'type':'function','function':{'name':'f'}},"
                + "'tools':[{'type':'function','function':{'name':'f'}}] | tool_choice",
    })
    void reasoningEffortRefusesWhatAnthropicCannotThinkWith(String fields, String field) {
        rejects(request(fields), field);
    }

    @Test
    void reasoningEffortAcceptsWhatAnthropicThinksWith() {
        ObjectNode body = translate(request("'reasoning_effort':'low','temperature':1,'top_p':0.95,"
                + "'tool_choice':'auto','tools':[{'type':'function','function':{'name':'f'}}]"));

        assertThat(body.path("thinking").path("budget_tokens").intValue()).isEqualTo(2048);
    }

    @Test
    void reasoningEffortIsNotAppliedToARequestThatReturnsToolResults() {
        ObjectNode body = translate("""
                {'model':'m','reasoning_effort':'high','messages':[
                  {'role':'user','content':'Weather?'},
                  {'role':'assistant','content':null,'tool_calls':[
                    {'id':'call_1','type':'function','function':{'name':'weather','arguments':'{}'}}]},
                  {'role':'tool','tool_call_id':'call_1','content':'sunny'}],
                 'tools':[{'type':'function','function':{'name':'weather'}}]}""");

        assertThat(body.has("thinking")).isFalse();
        assertThat(body.get("max_tokens").intValue()).isEqualTo(4096);
    }

    @Test
    void responseFormatTextIsTheDefault() {
        assertThat(translate(request("'response_format':{'type':'text'}"))).isEqualTo(translate(request("")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{'type':'json_object'}",
        "{'type':'json_schema','json_schema':{'name':'x','schema':{'type':'object'}}}"})
    void structuredOutputIsRefusedNeverDropped(String responseFormat) {
        TranslationException e = rejects(request("'response_format':" + responseFormat), "response_format");

        assertThat(e.getMessage()).contains("structured output", "not supported for Anthropic models");
    }

    @Test
    void anUnknownResponseFormatTypeIsRefused() {
        rejects(request("'response_format':{'type':'yaml'}"), "response_format.type");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "'n':1", "'n':null", "'logprobs':false", "'top_logprobs':0", "'top_logprobs':null", "'presence_penalty':0",
        "'presence_penalty':0.0", "'frequency_penalty':0", "'seed':null", "'logit_bias':{}", "'logit_bias':null",
        "'service_tier':'auto'", "'service_tier':'default'", "'store':false", "'metadata':{}", "'metadata':null",
        "'modalities':['text']", "'parallel_tool_calls':true", "'cache':{'no-cache':true}",
        "'stream_options':{'include_usage':true}", "'response_format':null", "'user':null",
    })
    void parametersAtTheirDefaultsAreAccepted(String field) {
        assertThat(translate(request(field))).isEqualTo(translate(request("")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "'n':2                           | n",
        "'logprobs':true                 | logprobs",
        "'top_logprobs':5                | top_logprobs",
        "'presence_penalty':0.5          | presence_penalty",
        "'frequency_penalty':-1          | frequency_penalty",
        "'seed':42                       | seed",
        "'seed':0                        | seed",
        "'logit_bias':{'50256':-100}     | logit_bias",
        "'service_tier':'flex'           | service_tier",
        "'store':true                    | store",
        "'metadata':{'team':'a'}         | metadata",
        "'modalities':['text','audio']   | modalities",
        "'stream':'yes'                  | stream",
        "'audio':{'voice':'alloy'}       | audio",
        "'functions':[{'name':'f'}]      | functions",
        "'function_call':'auto'          | function_call",
        "'prediction':{'type':'content'} | prediction",
        "'web_search_options':{}         | web_search_options",
        "'thinking':{'type':'enabled'}   | thinking",
        "'some_future_field':true        | some_future_field",
    })
    void anythingElseIsRefusedNamingTheField(String field, String name) {
        rejects(request(field), name);
    }
}
