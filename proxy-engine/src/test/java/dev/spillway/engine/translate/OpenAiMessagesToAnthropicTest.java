package dev.spillway.engine.translate;

import static dev.spillway.engine.translate.OpenAiClientJson.assertJson;
import static dev.spillway.engine.translate.OpenAiClientJson.rejects;
import static dev.spillway.engine.translate.OpenAiClientJson.translate;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** OpenAI messages as Anthropic system prompt and alternating messages. */
class OpenAiMessagesToAnthropicTest {

    private static ObjectNode messages(String messagesJson) {
        return translate("{'model':'m','messages':" + messagesJson + "}");
    }

    private static TranslationException rejectsMessages(String messagesJson, String field) {
        return rejects("{'model':'m','messages':" + messagesJson + "}", field);
    }

    @Test
    void aMultiTurnToolConversationKeepsToolIdsAndNamesAndAlternatesRoles() {
        ObjectNode body = translate("""
                {'model':'gpt-4o','max_tokens':1000,
                 'messages':[
                   {'role':'system','content':'You are a weather assistant.'},
                   {'role':'user','content':'Weather in Paris and Berlin?'},
                   {'role':'assistant','content':'Let me check both.','tool_calls':[
                     {'id':'call_Paris01','type':'function',
                      'function':{'name':'get_weather','arguments':'{\\'city\\':\\'Paris\\',\\'units\\':\\'C\\'}'}},
                     {'id':'toolu_01Berlin','type':'function',
                      'function':{'name':'get_weather','arguments':'{\\'city\\':\\'Berlin\\'}'}}]},
                   {'role':'tool','tool_call_id':'call_Paris01','content':'18 C, sunny'},
                   {'role':'tool','tool_call_id':'toolu_01Berlin',
                    'content':[{'type':'text','text':'12 C'},{'type':'text','text':'rain'}]},
                   {'role':'assistant','content':'Paris: sunny. Berlin: rain.'},
                   {'role':'user','content':'And the forecast for Rome?','name':'alice'},
                   {'role':'assistant','content':null,'tool_calls':[
                     {'id':'call_Rome','type':'function',
                      'function':{'name':'get_forecast','arguments':'{\\'city\\':\\'Rome\\',\\'days\\':3}'}}]},
                   {'role':'tool','tool_call_id':'call_Rome','content':'warm all week'}],
                 'tools':[
                   {'type':'function','function':{'name':'get_weather','description':'Current weather',
                     'parameters':{'type':'object','properties':{'city':{'type':'string'},
                       'units':{'type':'string','enum':['C','F']}},'required':['city']}}},
                   {'type':'function','function':{'name':'get_forecast','strict':true,
                     'parameters':{'type':'object','properties':{'city':{'type':'string'},
                       'days':{'type':'integer'}},'required':['city','days'],'additionalProperties':false}}}],
                 'tool_choice':'auto'}""");

        assertJson(body, """
                {'model':'claude-sonnet-4-5-20250929','max_tokens':1000,
                 'system':'You are a weather assistant.',
                 'messages':[
                   {'role':'user','content':'Weather in Paris and Berlin?'},
                   {'role':'assistant','content':[
                     {'type':'text','text':'Let me check both.'},
                     {'type':'tool_use','id':'call_Paris01','name':'get_weather',
                      'input':{'city':'Paris','units':'C'}},
                     {'type':'tool_use','id':'toolu_01Berlin','name':'get_weather','input':{'city':'Berlin'}}]},
                   {'role':'user','content':[
                     {'type':'tool_result','tool_use_id':'call_Paris01','content':'18 C, sunny'},
                     {'type':'tool_result','tool_use_id':'toolu_01Berlin',
                      'content':[{'type':'text','text':'12 C'},{'type':'text','text':'rain'}]}]},
                   {'role':'assistant','content':'Paris: sunny. Berlin: rain.'},
                   {'role':'user','content':'And the forecast for Rome?'},
                   {'role':'assistant','content':[
                     {'type':'tool_use','id':'call_Rome','name':'get_forecast','input':{'city':'Rome','days':3}}]},
                   {'role':'user','content':[
                     {'type':'tool_result','tool_use_id':'call_Rome','content':'warm all week'}]}],
                 'tools':[
                   {'name':'get_weather','description':'Current weather',
                    'input_schema':{'type':'object','properties':{'city':{'type':'string'},
                      'units':{'type':'string','enum':['C','F']}},'required':['city']}},
                   {'name':'get_forecast',
                    'input_schema':{'type':'object','properties':{'city':{'type':'string'},
                      'days':{'type':'integer'}},'required':['city','days'],'additionalProperties':false}}],
                 'tool_choice':{'type':'auto'}}""");
    }

    @Test
    void aUserMessageAfterToolResultsJoinsThemAfterTheResults() {
        assertJson(messages("""
                [{'role':'user','content':'Go'},
                 {'role':'assistant','tool_calls':[{'id':'c1','type':'function','function':{'name':'f','arguments':''}}]},
                 {'role':'tool','tool_call_id':'c1','content':'done'},
                 {'role':'user','content':'Now summarise.'}]""").get("messages"), """
                [{'role':'user','content':'Go'},
                 {'role':'assistant','content':[{'type':'tool_use','id':'c1','name':'f','input':{}}]},
                 {'role':'user','content':[{'type':'tool_result','tool_use_id':'c1','content':'done'},
                                           {'type':'text','text':'Now summarise.'}]}]""");
    }

    @Test
    void systemAndDeveloperMessagesJoinInOrderAsOneSystemString() {
        ObjectNode body = messages("""
                [{'role':'system','content':'Be brief.'},
                 {'role':'developer','content':'Answer in French.'},
                 {'role':'user','content':'Hello'},
                 {'role':'system','content':'Never mention the weather.'}]""");

        assertThat(body.get("system").asText()).isEqualTo("Be brief.\n\nAnswer in French.\n\nNever mention the weather.");
        assertJson(body.get("messages"), "[{'role':'user','content':'Hello'}]");
    }

    @Test
    void systemContentPartsMakeTheSystemAnArrayOfTextBlocksInOrder() {
        ObjectNode body = messages("""
                [{'role':'system','content':'Be brief.'},
                 {'role':'developer','content':[{'type':'text','text':'Long context','cache_control':{'type':'ephemeral'}},
                                                {'type':'text','text':''},
                                                {'type':'text','text':'Answer in French.'}]},
                 {'role':'user','content':'Hello'}]""");

        assertJson(body.get("system"), """
                [{'type':'text','text':'Be brief.'},
                 {'type':'text','text':'Long context','cache_control':{'type':'ephemeral'}},
                 {'type':'text','text':'Answer in French.'}]""");
    }

    @Test
    void consecutiveMessagesOfOneRoleAreMerged() {
        assertJson(messages("""
                [{'role':'user','content':'First.','name':'alice'},
                 {'role':'user','content':[{'type':'text','text':'Second.'}]},
                 {'role':'assistant','content':'One.'},
                 {'role':'assistant','content':'Two.'},
                 {'role':'user','content':'Third.'}]""").get("messages"), """
                [{'role':'user','content':[{'type':'text','text':'First.'},{'type':'text','text':'Second.'}]},
                 {'role':'assistant','content':[{'type':'text','text':'One.'},{'type':'text','text':'Two.'}]},
                 {'role':'user','content':'Third.'}]""");
    }

    @Test
    void messagesWithoutContentAreDroppedAndTheirNeighboursMerged() {
        assertJson(messages("""
                [{'role':'user','content':'Hi'},
                 {'role':'assistant','content':''},
                 {'role':'user','content':'Anyone?'}]""").get("messages"), """
                [{'role':'user','content':[{'type':'text','text':'Hi'},{'type':'text','text':'Anyone?'}]}]""");
    }

    @Test
    void assistantRefusalsStayAsText() {
        assertJson(messages("""
                [{'role':'user','content':'Do it'},
                 {'role':'assistant','content':[{'type':'refusal','refusal':'I cannot.'}]},
                 {'role':'assistant','content':null,'refusal':'Still no.'},
                 {'role':'user','content':'OK'}]""").get("messages"), """
                [{'role':'user','content':'Do it'},
                 {'role':'assistant','content':[{'type':'text','text':'I cannot.'},{'type':'text','text':'Still no.'}]},
                 {'role':'user','content':'OK'}]""");
    }

    @Test
    void aPreviousTurnsReasoningContentIsDropped() {
        assertJson(messages("""
                [{'role':'user','content':'Hi'},
                 {'role':'assistant','content':'Hello','reasoning_content':'greet back'},
                 {'role':'user','content':'Bye'}]""").get("messages"), """
                [{'role':'user','content':'Hi'},{'role':'assistant','content':'Hello'},{'role':'user','content':'Bye'}]""");
    }

    @Test
    void imagesFromDataUrlsAndHttpsUrls() {
        ObjectNode body = messages("""
                [{'role':'user','content':[
                  {'type':'text','text':'Compare these.'},
                  {'type':'image_url','image_url':{'url':'data:image/png;base64,iVBORw0KGgo=','detail':'high'}},
                  {'type':'image_url','image_url':{'url':'https://example.com/cat.jpg'}},
                  {'type':'image_url','image_url':{'url':'data:image/jpg;base64,/9j/4AAQ'}},
                  {'type':'image_url','image_url':'http://example.com/dog.webp'}]}]""");

        assertJson(body.get("messages"), """
                [{'role':'user','content':[
                  {'type':'text','text':'Compare these.'},
                  {'type':'image','source':{'type':'base64','media_type':'image/png','data':'iVBORw0KGgo='}},
                  {'type':'image','source':{'type':'url','url':'https://example.com/cat.jpg'}},
                  {'type':'image','source':{'type':'base64','media_type':'image/jpeg','data':'/9j/4AAQ'}},
                  {'type':'image','source':{'type':'url','url':'http://example.com/dog.webp'}}]}]""");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "data:image/png,rawbytes        | base64",
        "data:image/svg+xml;base64,PHN2 | image/svg+xml",
        "data:image/png;base64          | comma",
        "data:image/png;base64,         | no data",
        "ftp://example.com/cat.png      | data: URL or an http(s) URL",
        "file:///etc/passwd             | data: URL or an http(s) URL",
    })
    void unusableImageUrlsAreRefusedNamingTheUrl(String url, String why) {
        TranslationException e = rejectsMessages("[{'role':'user','content':[{'type':'text','text':'See'},"
                + "{'type':'image_url','image_url':{'url':'" + url + "'}}]}]", "messages[0].content[1].image_url.url");

        assertThat(e.getMessage()).contains(why);
    }

    @Test
    void anImageWithoutAUrlIsRefused() {
        rejectsMessages("[{'role':'user','content':[{'type':'image_url','image_url':{}}]}]",
                "messages[0].content[0].image_url.url");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "{'role':'user','content':[{'type':'input_audio','input_audio':{'data':'AAA','format':'wav'}}]} | audio",
        "{'role':'user','content':[{'type':'file','file':{'file_id':'file-1'}}]}                        | file parts",
        "{'role':'user','content':[{'type':'video_url','video_url':{'url':'https://x'}}]}              | video_url",
        "{'role':'user','content':[{'text':'no type'}]}                                               | needs a type",
        "{'role':'system','content':[{'type':'image_url','image_url':{'url':'https://x/a.png'}}]}     | only in user",
        "{'role':'assistant','content':[{'type':'image_url','image_url':{'url':'https://x/a.png'}}]}  | only in user",
        "{'role':'tool','tool_call_id':'c','content':[{'type':'image_url','image_url':{'url':'https://x'}}]} | user",
    })
    void contentPartsAnthropicCannotTakeAreRefusedNamingThePart(String message, String why) {
        TranslationException e = rejectsMessages("[{'role':'user','content':'Hi'}," + message + "]",
                "messages[1].content[0].type");

        assertThat(e.getMessage()).contains(why);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "{'role':'user','content':[{'type':'text','text':5}]}                             | messages[1].content[0].text",
        "{'role':'user','content':['plain string part']}                                 | messages[1].content[0]",
        "{'role':'user','content':42}                                                     | messages[1].content",
        "{'role':'function','name':'f','content':'x'}                                     | messages[1].role",
        "{'role':'bot','content':'x'}                                                     | messages[1].role",
        "{'content':'x'}                                                                  | messages[1].role",
        "'just text'                                                                      | messages[1]",
        "{'role':'tool','content':'x'}                                                    | messages[1].tool_call_id",
        "{'role':'assistant','function_call':{'name':'f','arguments':'{}'}}               | messages[1].function_call",
        "{'role':'assistant','audio':{'id':'audio_1'}}                                    | messages[1].audio",
        "{'role':'assistant','tool_calls':{'id':'c'}}                                     | messages[1].tool_calls",
        "{'role':'assistant','tool_calls':[{'type':'function','function':{'name':'f'}}]}  | messages[1].tool_calls[0].id",
        "{'role':'assistant','tool_calls':[{'id':'c','type':'function','function':{}}]}   | messages[1].tool_calls[0].function.name",
        "{'role':'assistant','tool_calls':[{'id':'c','type':'custom','custom':{}}]}       | messages[1].tool_calls[0].type",
    })
    void malformedMessagesAreRefusedNamingTheField(String message, String field) {
        rejectsMessages("[{'role':'user','content':'Hi'}," + message + "]", field);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "{not json",
        "{'city':",
        "[1,2]",
        "'Paris'",
        "42",
    })
    void toolCallArgumentsThatAreNotAJsonObjectAreRefusedNamingTheCall(String arguments) {
        String escaped = arguments.replace("'", "\\'");
        TranslationException e = rejectsMessages("""
                [{'role':'user','content':'Hi'},
                 {'role':'assistant','tool_calls':[
                   {'id':'c0','type':'function','function':{'name':'f','arguments':'{}'}},
                   {'id':'c1','type':'function','function':{'name':'f','arguments':'%s'}}]}]"""
                .formatted(escaped), "messages[1].tool_calls[1].function.arguments");

        assertThat(e.getMessage()).containsAnyOf("not valid JSON", "must be a JSON object");
    }

    @Test
    void emptyOrAbsentToolCallArgumentsAreAnEmptyInput() {
        JsonNode assistant = messages("""
                [{'role':'user','content':'Hi'},
                 {'role':'assistant','tool_calls':[
                   {'id':'a','type':'function','function':{'name':'f','arguments':''}},
                   {'id':'b','type':'function','function':{'name':'f'}},
                   {'id':'c','function':{'name':'f','arguments':'  '}}]}]""").get("messages").get(1);

        assertJson(assistant, """
                {'role':'assistant','content':[{'type':'tool_use','id':'a','name':'f','input':{}},
                  {'type':'tool_use','id':'b','name':'f','input':{}},{'type':'tool_use','id':'c','name':'f','input':{}}]}""");
    }

    @Test
    void aRequestWithoutConversationMessagesIsRefused() {
        rejects("{'model':'m'}", "messages");
        rejects("{'model':'m','messages':[]}", "messages");
        rejects("{'model':'m','messages':{'role':'user'}}", "messages");
        rejects("{'model':'m','messages':[{'role':'system','content':'Only a system prompt.'}]}", "messages");
    }
}
