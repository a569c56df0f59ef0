package dev.spillway.engine.translate;

import static dev.spillway.engine.translate.OpenAiClientJson.assertJson;
import static dev.spillway.engine.translate.OpenAiClientJson.rejects;
import static dev.spillway.engine.translate.OpenAiClientJson.translate;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** OpenAI tools, tool_choice and parallel_tool_calls as Anthropic tools and tool_choice. */
class OpenAiToolsToAnthropicTest {

    private static final String TOOLS = "'tools':[{'type':'function','function':{'name':'get_weather'}}]";

    private static String request(String fields) {
        return "{'model':'m','messages':[{'role':'user','content':'Hi'}]," + fields + "}";
    }

    @Test
    void functionToolsBecomeAnthropicToolsWithTheirSchema() {
        ObjectNode body = translate(request("""
                'tools':[
                  {'type':'function','function':{'name':'get_weather','description':'Weather for a city',
                    'parameters':{'type':'object','properties':{'city':{'type':'string'}},'required':['city']},
                    'strict':true}},
                  {'type':'function','function':{'name':'now'}},
                  {'type':'function','function':{'name':'echo','parameters':{'properties':{'x':{}}}}},
                  {'type':'function','function':{'name':'noop','parameters':null,'description':'Nothing'}}]"""));

        assertJson(body.get("tools"), """
                [{'name':'get_weather','description':'Weather for a city',
                  'input_schema':{'type':'object','properties':{'city':{'type':'string'}},'required':['city']}},
                 {'name':'now','input_schema':{'type':'object','properties':{}}},
                 {'name':'echo','input_schema':{'properties':{'x':{}},'type':'object'}},
                 {'name':'noop','description':'Nothing','input_schema':{'type':'object','properties':{}}}]""");
    }

    @Test
    void noToolsMeansNoToolFields() {
        assertThat(translate(request("'tools':[]")).has("tools")).isFalse();
        assertThat(translate(request("'tools':null,'tool_choice':'auto','parallel_tool_calls':false")))
                .isEqualTo(translate(request("'tools':null")));
        assertThat(translate(request("'tool_choice':'none'")).has("tool_choice")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "'tools':{'type':'function'}                                                   | tools",
        "'tools':['get_weather']                                                       | tools[0]",
        "'tools':[{'type':'function','function':{'description':'no name'}}]           | tools[0].function.name",
        "'tools':[{'type':'function','function':{'name':'  '}}]                       | tools[0].function.name",
        "'tools':[{'type':'function','function':{'name':7}}]                          | tools[0].function.name",
        "'tools':[{'type':'function'}]                                                | tools[0].function",
        "'tools':[{'type':'function','function':{'name':'f','parameters':'{}'}}]      | tools[0].function.parameters",
        "'tools':[{'type':'function','function':{'name':'f','parameters':[]}}]        | tools[0].function.parameters",
        "'tools':[{'type':'function','function':{'name':'f','parameters':{'type':'array'}}}] "
                + "| tools[0].function.parameters.type",
        "'tools':[{'type':'function','function':{'name':'f'}},{'type':'custom','custom':{'name':'g'}}] | tools[1].type",
        "'tools':[{'function':{'name':'f'}}]                                          | tools[0].type",
    })
    void malformedToolSchemasAreRefusedNamingTheField(String fields, String field) {
        rejects(request(fields), field);
    }

    @ParameterizedTest(name = "{0} + parallel_tool_calls {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "'auto'                                                | -     | {'type':'auto'}",
        "'required'                                            | -     | {'type':'any'}",
        "'none'                                                | -     | {'type':'none'}",
        "{'type':'function','function':{'name':'get_weather'}} | -     | {'type':'tool','name':'get_weather'}",
        "null                                                  | -     | -",
        "null                                                  | true  | -",
        "'auto'                                                | true  | {'type':'auto'}",
        "null                                                  | false | {'type':'auto','disable_parallel_tool_use':true}",
        "'auto'                                                | false | {'type':'auto','disable_parallel_tool_use':true}",
        "'required'                                            | false | {'type':'any','disable_parallel_tool_use':true}",
        "{'type':'function','function':{'name':'get_weather'}} | false "
                + "| {'type':'tool','name':'get_weather','disable_parallel_tool_use':true}",
        "'none'                                                | false | {'type':'none'}",
    })
    void toolChoiceAndParallelToolCalls(String toolChoice, String parallel, String expected) {
        ObjectNode body = translate(request(TOOLS + ",'tool_choice':" + toolChoice
                + (parallel.equals("-") ? "" : ",'parallel_tool_calls':" + parallel)));

        if (expected.equals("-")) {
            assertThat(body.has("tool_choice")).isFalse();
        } else {
            assertJson(body.get("tool_choice"), expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        TOOLS + ",'tool_choice':'sometimes'                                     | tool_choice",
        TOOLS + ",'tool_choice':{'type':'allowed_tools','allowed_tools':{}}     | tool_choice.type",
        TOOLS + ",'tool_choice':{'type':'function','function':{}}               | tool_choice.function.name",
        TOOLS + ",'tool_choice':{'type':'function'}                             | tool_choice.function.name",
        TOOLS + ",'tool_choice':true                                            | tool_choice.type",
        TOOLS + ",'parallel_tool_calls':'no'                                    | parallel_tool_calls",
        "'tool_choice':'required'                                               | tool_choice",
        "'tool_choice':{'type':'function','function':{'name':'get_weather'}}    | tool_choice",
    })
    void toolChoicesAnthropicCannotHonourAreRefused(String fields, String field) {
        rejects(request(fields), field);
    }
}
