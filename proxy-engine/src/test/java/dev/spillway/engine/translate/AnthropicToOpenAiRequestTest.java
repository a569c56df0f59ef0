package dev.spillway.engine.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicToOpenAiRequestTest {

    /** What Claude Code sends on its third turn of a session: shapes as captured from Claude Code 2.1. */
    static final String CLAUDE_CODE_REQUEST = """
            {
              "model": "gpt-5",
              "max_tokens": 32000,
              "stream": true,
              "temperature": 1,
              "system": [
                {"type": "text", "text": "x-anthropic-billing-header: cc_version=2.1.69.76d; cc_entrypoint=cli; cch=6cbf8;"},
                {"type": "text", "text": "You are Claude Code, Anthropic's official CLI for Claude.",
                 "cache_control": {"type": "ephemeral"}},
                {"type": "text", "text": "Here is useful information about the environment you are running in:\\n<env>\\nWorking directory: /repo\\n</env>",
                 "cache_control": {"type": "ephemeral", "ttl": "1h"}}
              ],
              "messages": [
                {"role": "user", "content": [
                  {"type": "text", "text": "<system-reminder>\\nAs you answer the user's questions, you can use this context.\\n</system-reminder>"},
                  {"type": "text", "text": "What does build.sh do? Run the tests too.", "cache_control": {"type": "ephemeral"}}
                ]},
                {"role": "assistant", "content": [
                  {"type": "thinking", "thinking": "The user wants the script explained and the tests run.",
                   "signature": "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"},
                  {"type": "text", "text": "Let me read the script and run the tests."},
                  {"type": "tool_use", "id": "toolu_01A09q90qw90lq917835lq9", "name": "Read",
                   "input": {"file_path": "/repo/build.sh"}},
                  {"type": "tool_use", "id": "toolu_01B7xYk2fJ34qAmk2tNTrN7U", "name": "Bash",
                   "input": {"command": "./build.sh test", "description": "Run the tests", "timeout": 120000}}
                ]},
                {"role": "user", "content": [
                  {"type": "tool_result", "tool_use_id": "toolu_01A09q90qw90lq917835lq9",
                   "content": [{"type": "text", "text": "     1\\t#!/bin/sh\\n     2\\tmvn -q verify"}]},
                  {"type": "tool_result", "tool_use_id": "toolu_01B7xYk2fJ34qAmk2tNTrN7U",
                   "content": "Tests run: 3, Failures: 1", "is_error": true},
                  {"type": "text", "text": "<system-reminder>\\nThe TodoWrite tool hasn't been used recently.\\n</system-reminder>"}
                ]},
                {"role": "assistant", "content": [
                  {"type": "redacted_thinking", "data": "EmwKAhgBEgy3va3pzix/LafPsn4aDEw"},
                  {"type": "tool_use", "id": "toolu_01C2bqZ7LRSXqPVY9KTHrRyD", "name": "mcp__github__get_issue",
                   "input": {"owner": "spillway", "issue_number": 3}}
                ]},
                {"role": "user", "content": [
                  {"type": "tool_result", "tool_use_id": "toolu_01C2bqZ7LRSXqPVY9KTHrRyD",
                   "content": "Issue 3: OpenAI-compatible API", "cache_control": {"type": "ephemeral"}}
                ]}
              ],
              "tools": [
                {"name": "Read", "description": "Reads a file from the local filesystem.",
                 "input_schema": {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
                   "properties": {"file_path": {"type": "string", "description": "The absolute path to the file"},
                                  "offset": {"type": "number"}},
                   "required": ["file_path"], "additionalProperties": false}},
                {"name": "Bash", "description": "Executes a bash command.",
                 "input_schema": {"type": "object",
                   "properties": {"command": {"type": "string"}, "description": {"type": "string"},
                                  "timeout": {"type": "number"}},
                   "required": ["command"]},
                 "cache_control": {"type": "ephemeral"}},
                {"name": "mcp__github__get_issue", "description": "Get an issue of a GitHub repository.",
                 "input_schema": {"type": "object",
                   "properties": {"owner": {"type": "string"}, "issue_number": {"type": "integer"}}},
                 "defer_loading": true}
              ],
              "metadata": {"user_id": "user_5f1c0e2ab7_account_0b8e2d8c-6d1f-4d7e-9a51-3c6a2f0e1b7d_session_8d2f"},
              "thinking": {"type": "adaptive"},
              "context_management": {"edits": [{"type": "clear_thinking_20251015", "keep": "all"}]},
              "output_config": {"effort": "high"}
            }
            """;

    static final String EXPECTED_MESSAGES = """
            [
              {"role": "system", "content": "You are Claude Code, Anthropic's official CLI for Claude.\\n\\nHere is useful information about the environment you are running in:\\n<env>\\nWorking directory: /repo\\n</env>"},
              {"role": "user", "content": "<system-reminder>\\nAs you answer the user's questions, you can use this context.\\n</system-reminder>\\n\\nWhat does build.sh do? Run the tests too."},
              {"role": "assistant", "content": "Let me read the script and run the tests.", "tool_calls": [
                {"id": "toolu_01A09q90qw90lq917835lq9", "type": "function",
                 "function": {"name": "Read", "arguments": "{\\"file_path\\":\\"/repo/build.sh\\"}"}},
                {"id": "toolu_01B7xYk2fJ34qAmk2tNTrN7U", "type": "function",
                 "function": {"name": "Bash", "arguments": "{\\"command\\":\\"./build.sh test\\",\\"description\\":\\"Run the tests\\",\\"timeout\\":120000}"}}
              ]},
              {"role": "tool", "tool_call_id": "toolu_01A09q90qw90lq917835lq9", "content": "     1\\t#!/bin/sh\\n     2\\tmvn -q verify"},
              {"role": "tool", "tool_call_id": "toolu_01B7xYk2fJ34qAmk2tNTrN7U", "content": "Error: Tests run: 3, Failures: 1"},
              {"role": "user", "content": "<system-reminder>\\nThe TodoWrite tool hasn't been used recently.\\n</system-reminder>"},
              {"role": "assistant", "content": null, "tool_calls": [
                {"id": "toolu_01C2bqZ7LRSXqPVY9KTHrRyD", "type": "function",
                 "function": {"name": "mcp__github__get_issue", "arguments": "{\\"owner\\":\\"spillway\\",\\"issue_number\\":3}"}}
              ]},
              {"role": "tool", "tool_call_id": "toolu_01C2bqZ7LRSXqPVY9KTHrRyD", "content": "Issue 3: OpenAI-compatible API"}
            ]
            """;

    @Test
    void claudeCodesMidConversationSystemMessagesKeepTheirPlace() {
        ObjectNode out = AnthropicToOpenAiRequest.translate(dev.spillway.engine.json.Json.parseObject("""
                {"model": "x", "max_tokens": 10, "messages": [
                  {"role": "user", "content": "hi"},
                  {"role": "system", "content": [{"type": "text", "text": "Mode changed."}]},
                  {"role": "user", "content": "go on"}]}""".getBytes(java.nio.charset.StandardCharsets.UTF_8)), "gpt-4.1");

        assertThat(out.get("messages").toString()).isEqualTo("[{\"role\":\"user\",\"content\":\"hi\"},"
                + "{\"role\":\"system\",\"content\":\"Mode changed.\"},{\"role\":\"user\",\"content\":\"go on\"}]");
    }

    @Test
    void claudeCodeRequestBecomesAChatCompletionsRequestFieldByField() {
        ObjectNode request = parse(CLAUDE_CODE_REQUEST);
        ObjectNode original = request.deepCopy();

        ObjectNode body = AnthropicToOpenAiRequest.translate(request, "gpt-5-2025-08-07");

        assertThat(fieldNames(body)).containsExactlyInAnyOrder("model", "messages", "max_tokens", "temperature",
                "user", "stream", "stream_options", "tools", "reasoning_effort");
        assertThat(body.get("model").textValue()).isEqualTo("gpt-5-2025-08-07");
        assertThat(body.get("max_tokens").intValue()).isEqualTo(32000);
        assertThat(body.get("temperature").intValue()).isEqualTo(1);
        assertThat(body.get("stream").booleanValue()).isTrue();
        assertThat(body.get("stream_options")).isEqualTo(parse("{\"include_usage\": true}"));
        assertThat(body.get("user").textValue())
                .isEqualTo("user_5f1c0e2ab7_account_0b8e2d8c-6d1f-4d7e-9a51-3c6a2f0e1b7d_session_8d2f");
        assertThat(body.get("reasoning_effort").textValue()).isEqualTo("high"); // output_config.effort wins
        assertThat(body.get("messages")).isEqualTo(Json.MAPPER.valueToTree(parseAny(EXPECTED_MESSAGES)));
        assertThat(request).as("the client's body is not modified").isEqualTo(original);
    }

    @Test
    void toolsBecomeFunctionsWithoutAnthropicHints() {
        ObjectNode body = AnthropicToOpenAiRequest.translate(parse(CLAUDE_CODE_REQUEST), "gpt-5");

        JsonNode tools = body.get("tools");
        assertThat(tools).hasSize(3);
        assertThat(tools.get(0)).isEqualTo(parse("""
                {"type": "function", "function": {
                  "name": "Read", "description": "Reads a file from the local filesystem.",
                  "parameters": {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
                    "properties": {"file_path": {"type": "string", "description": "The absolute path to the file"},
                                   "offset": {"type": "number"}},
                    "required": ["file_path"], "additionalProperties": false}}}
                """));
        assertThat(fieldNames(tools.get(1).get("function"))).containsExactly("name", "description", "parameters");
        assertThat(tools.get(2).get("function").get("name").textValue()).isEqualTo("mcp__github__get_issue");
        assertThat(fieldNames(tools.get(2).get("function"))).containsExactly("name", "description", "parameters");
        assertThat(body.has("tool_choice")).isFalse();
        assertThat(body.has("parallel_tool_calls")).isFalse();
    }

    @Test
    void strictToolsStayStrictAndToolsWithoutSchemaTakeAnyObject() {
        ObjectNode body = AnthropicToOpenAiRequest.translate(parse("""
                {"model": "m", "max_tokens": 10, "messages": [{"role": "user", "content": "hi"}],
                 "tools": [{"type": "custom", "name": "get_weather", "strict": true,
                            "input_schema": {"type": "object", "properties": {}}},
                           {"name": "ping"}]}
                """), "gpt-4.1");

        assertThat(body.at("/tools/0/function/strict").booleanValue()).isTrue();
        assertThat(body.at("/tools/1/function/parameters")).isEqualTo(parse("{\"type\":\"object\",\"properties\":{}}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"type\": \"auto\"}                                       | \"auto\"                                          | ",
        "{\"type\": \"any\"}                                        | \"required\"                                      | ",
        "{\"type\": \"none\"}                                       | \"none\"                                          | ",
        "{\"type\": \"tool\", \"name\": \"Read\"}                   | {\"type\":\"function\",\"function\":{\"name\":\"Read\"}} | ",
        "{\"type\": \"auto\", \"disable_parallel_tool_use\": true}  | \"auto\"                                          | false",
        "{\"type\": \"any\", \"disable_parallel_tool_use\": false}  | \"required\"                                      | ",
    })
    void toolChoiceMapsToOpenAiToolChoice(String anthropicChoice, String openAiChoice, Boolean parallel) {
        ObjectNode request = parse("""
                {"model": "m", "max_tokens": 10, "messages": [{"role": "user", "content": "hi"}],
                 "tools": [{"name": "Read", "input_schema": {"type": "object"}}]}
                """);
        request.set("tool_choice", parse(anthropicChoice));

        ObjectNode body = AnthropicToOpenAiRequest.translate(request, "gpt-5");

        assertThat(body.get("tool_choice")).isEqualTo(parseAny(openAiChoice));
        if (parallel == null) {
            assertThat(body.has("parallel_tool_calls")).isFalse();
        } else {
            assertThat(body.get("parallel_tool_calls").booleanValue()).isEqualTo(parallel);
        }
    }

    @Test
    void toolChoiceWithoutToolsIsLeftOut() {
        ObjectNode body = AnthropicToOpenAiRequest.translate(parse("""
                {"model": "m", "max_tokens": 10, "messages": [{"role": "user", "content": "hi"}],
                 "tools": [], "tool_choice": {"type": "auto", "disable_parallel_tool_use": true}}
                """), "gpt-5");

        assertThat(body.has("tools")).isFalse();
        assertThat(body.has("tool_choice")).isFalse();
        assertThat(body.has("parallel_tool_calls")).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"type\": \"enabled\", \"budget_tokens\": 1024}  |         | low",
        "{\"type\": \"enabled\", \"budget_tokens\": 4095}  |         | low",
        "{\"type\": \"enabled\", \"budget_tokens\": 4096}  |         | medium",
        "{\"type\": \"enabled\", \"budget_tokens\": 16383} |         | medium",
        "{\"type\": \"enabled\", \"budget_tokens\": 16384} |         | high",
        "{\"type\": \"enabled\", \"budget_tokens\": 31999} |         | high",
        "{\"type\": \"adaptive\"}                          |         | medium",
        "{\"type\": \"disabled\"}                          |         | ",
        "                                                  |         | ",
        "{\"type\": \"adaptive\"}                          | low     | low",
        "{\"type\": \"enabled\", \"budget_tokens\": 1024}  | high    | high",
        "{\"type\": \"disabled\"}                          | medium  | medium",
        "                                                  | max     | high",
    })
    void thinkingAndEffortBecomeReasoningEffort(String thinking, String effort, String expected) {
        ObjectNode request = parse("""
                {"model": "m", "max_tokens": 32000, "messages": [{"role": "user", "content": "hi"}]}
                """);
        if (thinking != null) {
            request.set("thinking", parse(thinking));
        }
        if (effort != null) {
            request.putObject("output_config").put("effort", effort);
        }

        ObjectNode body = AnthropicToOpenAiRequest.translate(request, "o4-mini");

        if (expected == null) {
            assertThat(body.has("reasoning_effort")).isFalse();
        } else {
            assertThat(body.get("reasoning_effort").textValue()).isEqualTo(expected);
        }
    }

    @Test
    void samplingStopSequencesAndNonStreamingRequests() {
        ObjectNode body = AnthropicToOpenAiRequest.translate(parse("""
                {"model": "m", "max_tokens": 1024, "stream": false, "temperature": 0.2, "top_p": 0.9, "top_k": 40,
                 "stop_sequences": ["</answer>", "\\n\\nHuman:"], "system": "Be brief.",
                 "service_tier": "auto", "cache_control": {"type": "ephemeral"},
                 "messages": [{"role": "user", "content": "hi"}]}
                """), "deepseek-chat");

        assertThat(body).isEqualTo(parse("""
                {"model": "deepseek-chat",
                 "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "hi"}],
                 "max_tokens": 1024, "temperature": 0.2, "top_p": 0.9, "stop": ["</answer>", "\\n\\nHuman:"],
                 "stream": false}
                """));
    }

    @Test
    void structuredOutputsBecomeResponseFormat() {
        String schema = "{\"type\":\"object\",\"properties\":{\"answer\":{\"type\":\"string\"}},"
                + "\"required\":[\"answer\"],\"additionalProperties\":false}";
        ObjectNode body = AnthropicToOpenAiRequest.translate(parse("""
                {"model": "m", "max_tokens": 1024, "messages": [{"role": "user", "content": "hi"}],
                 "output_config": {"format": {"type": "json_schema", "schema": %s}}}
                """.formatted(schema)), "gpt-4o");

        assertThat(body.get("response_format")).isEqualTo(parse("""
                {"type": "json_schema", "json_schema": {"name": "output", "schema": %s, "strict": true}}
                """.formatted(schema)));
        assertThat(body.has("reasoning_effort")).isFalse();
    }

    @Test
    void userImagesBecomeImageUrlPartsInOrder() {
        ObjectNode body = AnthropicToOpenAiRequest.translate(parse("""
                {"model": "m", "max_tokens": 1024, "messages": [{"role": "user", "content": [
                  {"type": "text", "text": "What differs between these?"},
                  {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="},
                   "cache_control": {"type": "ephemeral"}},
                  {"type": "image", "source": {"type": "url", "url": "https://example.com/b.jpg"}},
                  {"type": "text", "text": "Answer briefly."}
                ]}]}
                """), "gpt-4o");

        assertThat(body.get("messages")).isEqualTo(parseAny("""
                [{"role": "user", "content": [
                  {"type": "text", "text": "What differs between these?"},
                  {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}},
                  {"type": "image_url", "image_url": {"url": "https://example.com/b.jpg"}},
                  {"type": "text", "text": "Answer briefly."}
                ]}]
                """));
    }

    @Test
    void userContentBeforeAToolResultStaysBeforeIt() {
        ObjectNode body = AnthropicToOpenAiRequest.translate(parse("""
                {"model": "m", "max_tokens": 1024, "messages": [
                  {"role": "user", "content": "list files"},
                  {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_01X", "name": "LS", "input": {}}]},
                  {"role": "user", "content": [
                    {"type": "text", "text": "(interrupted)"},
                    {"type": "tool_result", "tool_use_id": "toolu_01X"},
                    {"type": "tool_result", "tool_use_id": "toolu_01Y", "content": [], "is_error": true}
                  ]}
                ]}
                """), "gpt-5");

        assertThat(body.get("messages")).isEqualTo(parseAny("""
                [{"role": "user", "content": "list files"},
                 {"role": "assistant", "content": null, "tool_calls": [
                   {"id": "toolu_01X", "type": "function", "function": {"name": "LS", "arguments": "{}"}}]},
                 {"role": "user", "content": "(interrupted)"},
                 {"role": "tool", "tool_call_id": "toolu_01X", "content": ""},
                 {"role": "tool", "tool_call_id": "toolu_01Y", "content": "Error: "}]
                """));
    }

    @Test
    void assistantTurnsWithOnlyThinkingAreLeftOut() {
        ObjectNode body = AnthropicToOpenAiRequest.translate(parse("""
                {"model": "m", "max_tokens": 1024, "messages": [
                  {"role": "user", "content": "one"},
                  {"role": "assistant", "content": [{"type": "thinking", "thinking": "hm", "signature": "sig"}]},
                  {"role": "user", "content": "two"},
                  {"role": "assistant", "content": "plain answer"},
                  {"role": "user", "content": [{"type": "text", "text": "three"}]}
                ]}
                """), "gpt-5");

        assertThat(body.get("messages")).isEqualTo(parseAny("""
                [{"role": "user", "content": "one"},
                 {"role": "user", "content": "two"},
                 {"role": "assistant", "content": "plain answer"},
                 {"role": "user", "content": "three"}]
                """));
    }

    @Test
    void onlyTheLeadingAttributionBlockIsLeftOutOfTheSystemPrompt() {
        ObjectNode body = AnthropicToOpenAiRequest.translate(parse("""
                {"model": "m", "max_tokens": 10, "messages": [{"role": "user", "content": "hi"}],
                 "system": [{"type": "text", "text": "Rules."},
                            {"type": "text", "text": "x-anthropic-billing-header: quoted later is kept"}]}
                """), "gpt-5");

        assertThat(body.at("/messages/0/content").textValue())
                .isEqualTo("Rules.\n\nx-anthropic-billing-header: quoted later is kept");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // server and versioned tools
        "tools | [{\"name\": \"Read\", \"input_schema\": {}}, {\"type\": \"web_search_20250305\", \"name\": \"web_search\", \"max_uses\": 5}] | tools[1]",
        "tools | [{\"type\": \"bash_20250124\", \"name\": \"bash\"}] | tools[0]",
        "tools | [{\"type\": \"text_editor_20250728\", \"name\": \"str_replace_based_edit_tool\"}] | tools[0]",
        "tools | [{\"type\": \"computer_20250124\", \"name\": \"computer\", \"display_width_px\": 1024, \"display_height_px\": 768}] | tools[0]",
        "tools | [{\"description\": \"no name\", \"input_schema\": {}}] | tools[0].name",
        // content blocks without an OpenAI equivalent
        "messages | [{\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"summarise\"}, {\"type\": \"document\", \"source\": {\"type\": \"base64\", \"media_type\": \"application/pdf\", \"data\": \"JVBERi0=\"}}]}] | messages[0].content[1].type",
        "messages | [{\"role\": \"user\", \"content\": [{\"type\": \"search_result\", \"source\": \"https://x\", \"title\": \"t\", \"content\": []}]}] | messages[0].content[0].type",
        "messages | [{\"role\": \"user\", \"content\": [{\"type\": \"container_upload\", \"file_id\": \"file_01\"}]}] | messages[0].content[0].type",
        "messages | [{\"role\": \"user\", \"content\": \"q\"}, {\"role\": \"assistant\", \"content\": [{\"type\": \"server_tool_use\", \"id\": \"srvtoolu_01\", \"name\": \"web_search\", \"input\": {}}]}, {\"role\": \"user\", \"content\": \"go on\"}] | messages[1].content[0].type",
        "messages | [{\"role\": \"user\", \"content\": [{\"type\": \"image\", \"source\": {\"type\": \"file\", \"file_id\": \"file_01\"}}]}] | messages[0].content[0].source.type",
        // inside tool results
        "messages | [{\"role\": \"user\", \"content\": \"look\"}, {\"role\": \"assistant\", \"content\": [{\"type\": \"tool_use\", \"id\": \"toolu_01S\", \"name\": \"Read\", \"input\": {\"file_path\": \"/a.png\"}}]}, {\"role\": \"user\", \"content\": [{\"type\": \"tool_result\", \"tool_use_id\": \"toolu_01S\", \"content\": [{\"type\": \"text\", \"text\": \"the screenshot:\"}, {\"type\": \"image\", \"source\": {\"type\": \"base64\", \"media_type\": \"image/png\", \"data\": \"iVBO\"}}]}]}] | messages[2].content[0].content[1]",
        "messages | [{\"role\": \"user\", \"content\": [{\"type\": \"tool_result\", \"tool_use_id\": \"toolu_01S\", \"content\": [{\"type\": \"document\", \"source\": {}}]}]}] | messages[0].content[0].content[0].type",
        "messages | [{\"role\": \"user\", \"content\": [{\"type\": \"tool_result\", \"content\": \"x\"}]}] | messages[0].content[0].tool_use_id",
        // message structure
        "messages | [{\"role\": \"tool\", \"content\": \"x\"}] | messages[0].role",
        "messages | [{\"role\": \"system\", \"content\": [{\"type\": \"image\", \"source\": {}}]}] | messages[0].content[0].type",
        "messages | [{\"role\": \"user\", \"content\": \"Answer in JSON\"}, {\"role\": \"assistant\", \"content\": \"{\"}] | messages[1].role",
        "messages | [{\"role\": \"user\", \"content\": 42}] | messages[0].content",
        "messages | {} | messages",
        "system | [{\"type\": \"text\", \"text\": \"ok\"}, {\"type\": \"image\", \"source\": {}}] | system[1]",
        // parameters
        "tool_choice | {\"type\": \"sometimes\"} | tool_choice.type",
        "tool_choice | {\"type\": \"tool\"} | tool_choice.name",
        "thinking | {\"type\": \"deep\"} | thinking.type",
        "output_config | {\"effort\": \"extreme\"} | output_config.effort",
        "output_config | {\"format\": {\"type\": \"regex\", \"pattern\": \"a+\"}} | output_config.format.type",
        "output_config | {\"format\": {\"type\": \"json_schema\"}} | output_config.format.schema",
        "mcp_servers | [{\"type\": \"url\", \"url\": \"https://mcp.example.com/sse\", \"name\": \"example\"}] | mcp_servers",
    })
    void untranslatableRequestsNameTheField(String field, String value, String expectedField) {
        ObjectNode request = parse("""
                {"model": "m", "max_tokens": 10, "messages": [{"role": "user", "content": "hi"}],
                 "tools": [{"name": "Read", "input_schema": {"type": "object"}}]}
                """);
        request.set(field, parseAny(value));

        assertThatThrownBy(() -> AnthropicToOpenAiRequest.translate(request, "gpt-5"))
                .isInstanceOfSatisfying(TranslationException.class,
                        e -> assertThat(e.field()).isEqualTo(expectedField))
                .hasMessageStartingWith(expectedField + ": ");
    }

    static ObjectNode parse(String json) {
        return (ObjectNode) parseAny(json);
    }

    static JsonNode parseAny(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
