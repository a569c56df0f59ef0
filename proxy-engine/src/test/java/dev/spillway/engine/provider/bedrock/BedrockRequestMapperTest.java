package dev.spillway.engine.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BedrockRequestMapperTest {

    private static final String CLAUDE_CODE_BETAS = "claude-code-20250219,oauth-2025-04-20,"
            + "interleaved-thinking-2025-05-14,context-management-2025-06-27,prompt-caching-scope-2026-01-05,"
            + "effort-2025-11-24";

    /** A request as Claude Code sends it through ANTHROPIC_BASE_URL (protocols.md §1.3, §2.1). */
    private static final String CLAUDE_CODE_BODY = """
            {
              "model": "claude-sonnet-4-5-20250929",
              "messages": [
                {"role": "user", "content": [{"type": "text", "text": "Fix the bug in main.py"}]},
                {"role": "assistant", "content": [
                  {"type": "thinking", "thinking": "Let me look at the file.", "signature": "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"},
                  {"type": "tool_use", "id": "toolu_01T1x1fJ34qAmk2tNTrN7Up6", "name": "Read", "input": {"file_path": "main.py", "cache_control": {"type": "ephemeral", "scope": "user-data"}}}
                ]},
                {"role": "user", "content": [
                  {"type": "tool_result", "tool_use_id": "toolu_01T1x1fJ34qAmk2tNTrN7Up6", "content": "print('hi')", "cache_control": {"type": "ephemeral"}}
                ]}
              ],
              "system": [
                {"type": "text", "text": "x-anthropic-billing-header: cc_version=2.1.250.76d; cc_entrypoint=cli; cch=6cbf8;"},
                {"type": "text", "text": "You are Claude Code, Anthropic's official CLI for Claude.", "cache_control": {"type": "ephemeral", "ttl": "1h"}}
              ],
              "tools": [
                {"name": "Read", "description": "Reads a file", "input_schema": {"type": "object", "properties": {"file_path": {"type": "string"}}}, "strict": true},
                {"name": "mcp__github__search", "description": "Search", "input_schema": {"type": "object"}, "defer_loading": true, "eager_input_streaming": true, "cache_control": {"type": "ephemeral"}}
              ],
              "tool_choice": {"type": "auto"},
              "metadata": {"user_id": "user_abc_account_123_session_456"},
              "max_tokens": 32000,
              "thinking": {"type": "enabled", "budget_tokens": 31999},
              "context_management": {"edits": [{"type": "clear_thinking_20251015", "keep": "all"}]},
              "output_config": {"effort": "medium", "format": {"type": "json_schema", "schema": {"type": "object"}}},
              "temperature": 1,
              "stream": true
            }
            """;

    @Test
    void mapsARealisticClaudeCodeRequest() {
        ObjectNode input = parse(CLAUDE_CODE_BODY);

        JsonNode out = map(input, List.of(CLAUDE_CODE_BETAS));

        assertThat(fieldNames(out)).containsExactly("anthropic_version", "anthropic_beta", "messages", "system",
                "tools", "tool_choice", "metadata", "max_tokens", "thinking", "context_management", "output_config",
                "temperature");
        assertThat(out.get("anthropic_version").asText()).isEqualTo("bedrock-2023-05-31");
        assertThat(texts(out.get("anthropic_beta"))).containsExactly("interleaved-thinking-2025-05-14",
                "context-management-2025-06-27", "effort-2025-11-24");
        assertThat(out.get("context_management")).isEqualTo(input.get("context_management"));
        assertThat(out.get("output_config")).isEqualTo(parse("{\"effort\":\"medium\"}"));
        assertThat(out.get("metadata")).isEqualTo(input.get("metadata"));
        assertThat(out.get("tools")).isEqualTo(parse("""
                {"t": [
                  {"name": "Read", "description": "Reads a file", "input_schema": {"type": "object", "properties": {"file_path": {"type": "string"}}}},
                  {"name": "mcp__github__search", "description": "Search", "input_schema": {"type": "object"}, "cache_control": {"type": "ephemeral"}}
                ]}""").get("t"));
        for (String unchanged : List.of("tool_choice", "max_tokens", "thinking", "temperature")) {
            assertThat(out.get(unchanged)).as(unchanged).isEqualTo(input.get(unchanged));
        }
    }

    @Test
    void systemAndMessagesAreByteIdentical() {
        ObjectNode input = parse(CLAUDE_CODE_BODY);

        JsonNode out = map(input, List.of(CLAUDE_CODE_BETAS));

        assertThat(json(out.get("system"))).isEqualTo(json(input.get("system")));
        assertThat(json(out.get("messages"))).isEqualTo(json(input.get("messages")));
        assertThat(out.at("/messages/1/content/0/signature").asText())
                .isEqualTo("EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds");
    }

    @Test
    void doesNotTouchItsInput() {
        ObjectNode input = parse(CLAUDE_CODE_BODY);
        ObjectNode pristine = input.deepCopy();

        map(input, List.of(CLAUDE_CODE_BETAS));

        assertThat(input).isEqualTo(pristine);
        assertThat(json(input)).isEqualTo(json(pristine));
    }

    @Test
    void dropsModelAndStreamAndDefaultsTheVersion() {
        JsonNode out = map(parse("{\"model\":\"claude-haiku-4-5\",\"stream\":false,\"max_tokens\":5,\"messages\":[]}"),
                null);

        assertThat(json(out)).isEqualTo("{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":5,\"messages\":[]}");
    }

    @Test
    void keepsAnAnthropicVersionTheBodyAlreadyHas() {
        JsonNode out = map(parse("{\"max_tokens\":5,\"anthropic_version\":\"bedrock-2099-01-01\",\"messages\":[]}"),
                List.of());

        assertThat(json(out)).isEqualTo(
                "{\"max_tokens\":5,\"anthropic_version\":\"bedrock-2099-01-01\",\"messages\":[]}");
    }

    @Test
    void splitsTrimsDeduplicatesAndRenamesBetasAcrossHeaderValues() {
        JsonNode out = map(minimal(), List.of(
                " context-1m-2025-08-07 , advanced-tool-use-2025-11-20,,",
                "tool-search-tool-2025-10-19,context-1m-2025-08-07",
                "FINE-GRAINED-TOOL-STREAMING-2025-05-14"));

        assertThat(texts(out.get("anthropic_beta"))).containsExactly("context-1m-2025-08-07",
                "tool-search-tool-2025-10-19", "fine-grained-tool-streaming-2025-05-14");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "computer-use-2024-10-22", "computer-use-2025-01-24", "computer-use-2025-11-24", "context-1m-2025-08-07",
        "context-management-2025-06-27", "effort-2025-11-24", "fine-grained-tool-streaming-2025-05-14",
        "interleaved-thinking-2025-05-14", "compact-2026-01-12", "tool-search-tool-2025-10-19",
        "thinking-binding-controls-2026-08-01"})
    void forwardsSupportedBetas(String beta) {
        assertThat(texts(map(minimal(), List.of(beta)).get("anthropic_beta"))).containsExactly(beta);
        assertThat(BedrockRequestMapper.SUPPORTED_BETAS).contains(beta);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "oauth-2025-04-20", "claude-code-20250219", "prompt-caching-scope-2026-01-05", "files-api-2025-04-14",
        "web-search-2025-03-05", "web-fetch-2025-09-10", "code-execution-2025-08-25", "mcp-client-2025-11-20",
        "skills-2025-10-02", "structured-outputs-2025-11-13", "token-efficient-tools-2025-02-19",
        "output-128k-2025-02-19", "some-future-beta-2027-01-01"})
    void dropsUnsupportedBetas(String beta) {
        JsonNode out = map(minimal(), List.of(beta));

        assertThat(out.has("anthropic_beta")).isFalse();
    }

    @Test
    void mergesWithAndFiltersAnAnthropicBetaArrayInTheBody() {
        ObjectNode body = minimal();
        body.putArray("anthropic_beta").add("computer-use-2025-01-24").add("oauth-2025-04-20");

        JsonNode out = map(body, List.of("computer-use-2025-01-24,effort-2025-11-24"));

        assertThat(texts(out.get("anthropic_beta"))).containsExactly("computer-use-2025-01-24", "effort-2025-11-24");
    }

    @Test
    void removesABodyBetaArrayWhenNothingSurvives() {
        ObjectNode body = minimal();
        body.putArray("anthropic_beta").add("oauth-2025-04-20");

        assertThat(map(body, List.of()).has("anthropic_beta")).isFalse();
    }

    @Test
    void contextManagementLeavesWithItsBeta() {
        ObjectNode body = minimal();
        body.set("context_management", parse("{\"edits\":[{\"type\":\"clear_tool_uses_20250919\"}]}"));

        assertThat(map(body, List.of("oauth-2025-04-20")).has("context_management")).isFalse();
        assertThat(map(body, List.of("context-management-2025-06-27")).get("context_management"))
                .isEqualTo(body.get("context_management"));
    }

    @Test
    void contextManagementEditsAreKeptPerBeta() {
        ObjectNode body = minimal();
        body.set("context_management", parse(
                "{\"edits\":[{\"type\":\"clear_thinking_20251015\"},{\"type\":\"compact_20260112\"}],\"x\":1}"));

        assertThat(map(body, List.of("compact-2026-01-12")).get("context_management"))
                .isEqualTo(parse("{\"edits\":[{\"type\":\"compact_20260112\"}],\"x\":1}"));
        assertThat(map(body, List.of("context-management-2025-06-27")).get("context_management"))
                .isEqualTo(parse("{\"edits\":[{\"type\":\"clear_thinking_20251015\"}],\"x\":1}"));
        assertThat(map(body, List.of("context-management-2025-06-27,compact-2026-01-12")).get("context_management"))
                .isEqualTo(body.get("context_management"));
    }

    @Test
    void outputConfigKeepsOnlyEffortAndOnlyWithTheEffortBeta() {
        ObjectNode body = minimal();
        body.set("output_config", parse("{\"effort\":\"high\",\"format\":{\"type\":\"json_schema\"},\"task_budget\":9}"));

        assertThat(map(body, List.of()).has("output_config")).isFalse();
        assertThat(map(body, List.of("effort-2025-11-24")).get("output_config")).isEqualTo(parse("{\"effort\":\"high\"}"));

        body.set("output_config", parse("{\"format\":{\"type\":\"json_schema\"}}"));
        assertThat(map(body, List.of("effort-2025-11-24")).has("output_config")).isFalse();
    }

    @Test
    void deferLoadingStaysOnlyWithTheToolSearchBeta() {
        ObjectNode body = minimal();
        body.set("tools", parse("{\"t\":[{\"name\":\"a\",\"defer_loading\":true,\"strict\":true}]}").get("t"));

        assertThat(json(map(body, List.of()).get("tools"))).isEqualTo("[{\"name\":\"a\"}]");
        assertThat(json(map(body, List.of("advanced-tool-use-2025-11-20")).get("tools")))
                .isEqualTo("[{\"name\":\"a\",\"defer_loading\":true}]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cache_control", "service_tier", "inference_geo", "container", "mcp_servers", "speed",
        "some_future_field"})
    void dropsTopLevelFieldsInvokeModelRejects(String field) {
        ObjectNode body = minimal();
        body.set(field, parse("{\"type\":\"ephemeral\"}"));

        assertThat(map(body, List.of()).has(field)).isFalse();
    }

    @Test
    void keepsSamplingFieldsAndStopSequences() {
        ObjectNode body = minimal();
        body.put("top_k", 5);
        body.putArray("stop_sequences").add("END");
        body.put("top_p", 0.9);

        JsonNode out = map(body, List.of());

        assertThat(out.get("top_k").asInt()).isEqualTo(5);
        assertThat(json(out.get("stop_sequences"))).isEqualTo("[\"END\"]");
        assertThat(out.get("top_p").decimalValue()).isEqualByComparingTo("0.9");
    }

    @Test
    void dropsTopPWhenTemperatureIsSet() {
        ObjectNode body = minimal();
        body.put("temperature", 0.7);
        body.put("top_p", 0.9);

        JsonNode out = map(body, List.of());

        assertThat(out.has("top_p")).isFalse();
        assertThat(out.get("temperature").decimalValue()).isEqualByComparingTo("0.7");
    }

    @Test
    void metadataKeepsOnlyUserId() {
        ObjectNode body = minimal();
        body.set("metadata", parse("{\"user_id\":\"u1\",\"other\":2}"));
        assertThat(map(body, List.of()).get("metadata")).isEqualTo(parse("{\"user_id\":\"u1\"}"));

        body.set("metadata", parse("{\"other\":2}"));
        assertThat(map(body, List.of()).has("metadata")).isFalse();
    }

    @Test
    void stripsCacheControlScopeButNothingElse() {
        ObjectNode body = parse("""
                {"max_tokens": 1,
                 "system": [{"type": "text", "text": "s", "cache_control": {"type": "ephemeral", "scope": "global", "ttl": "1h"}}],
                 "tools": [{"name": "t", "input_schema": {}, "cache_control": {"type": "ephemeral", "scope": "global"}}],
                 "messages": [{"role": "user", "content": [
                   {"type": "text", "text": "m", "cache_control": {"type": "ephemeral", "scope": "global"}},
                   {"type": "tool_result", "tool_use_id": "x", "content": [{"type": "text", "text": "r", "cache_control": {"type": "ephemeral", "scope": "global"}}]},
                   {"type": "tool_use", "id": "y", "name": "t", "input": {"cache_control": {"scope": "mine"}}}
                 ]}]}""");

        JsonNode out = map(body, List.of("prompt-caching-scope-2026-01-05"));

        assertThat(json(out.get("system")))
                .isEqualTo("[{\"type\":\"text\",\"text\":\"s\",\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"1h\"}}]");
        assertThat(json(out.at("/tools/0/cache_control"))).isEqualTo("{\"type\":\"ephemeral\"}");
        assertThat(json(out.at("/messages/0/content/0/cache_control"))).isEqualTo("{\"type\":\"ephemeral\"}");
        assertThat(json(out.at("/messages/0/content/1/content/0/cache_control"))).isEqualTo("{\"type\":\"ephemeral\"}");
        assertThat(json(out.at("/messages/0/content/2/input"))).isEqualTo("{\"cache_control\":{\"scope\":\"mine\"}}");
    }

    @Test
    void systemAsAStringPassesUnchanged() {
        ObjectNode body = minimal();
        body.put("system", "Be terse.");

        assertThat(map(body, List.of()).get("system").asText()).isEqualTo("Be terse.");
    }

    @Test
    void outputIsCompactJson() {
        String out = new String(BedrockRequestMapper.toBedrockBody(parse(CLAUDE_CODE_BODY), List.of()),
                StandardCharsets.UTF_8);

        assertThat(out).doesNotContain("\n")
                .startsWith("{\"anthropic_version\":\"bedrock-2023-05-31\",\"messages\":[{\"role\":\"user\",");
    }

    private static ObjectNode minimal() {
        return parse("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    private static JsonNode map(ObjectNode body, List<String> betas) {
        return Json.parseObject(BedrockRequestMapper.toBedrockBody(body, betas));
    }

    private static ObjectNode parse(String json) {
        return Json.parseObject(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String json(JsonNode node) {
        return new String(Json.bytes(node), StandardCharsets.UTF_8);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
