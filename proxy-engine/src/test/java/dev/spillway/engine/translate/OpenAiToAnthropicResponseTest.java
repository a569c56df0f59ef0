package dev.spillway.engine.translate;

import static dev.spillway.engine.translate.AnthropicToOpenAiRequestTest.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.core.ObjectMappers;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.StopReason;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiToAnthropicResponseTest {

    static final String TOOL_CALLS_ANSWER = """
            {
              "id": "chatcmpl-CBv0fXk8a2Q",
              "object": "chat.completion",
              "created": 1756200000,
              "model": "gpt-5-2025-08-07",
              "choices": [{
                "index": 0,
                "message": {
                  "role": "assistant",
                  "content": "I'll read both files.",
                  "refusal": null,
                  "annotations": [],
                  "tool_calls": [
                    {"id": "call_Qx1Lr3vX9", "type": "function",
                     "function": {"name": "Read", "arguments": "{\\"file_path\\":\\"/repo/a.txt\\"}"}},
                    {"id": "toolu_01A09q90qw90lq917835lq9", "type": "function",
                     "function": {"name": "mcp__github__get_issue", "arguments": "{\\"owner\\":\\"spillway\\",\\"issue_number\\":3}"}}
                  ]
                },
                "logprobs": null,
                "finish_reason": "tool_calls"
              }],
              "usage": {
                "prompt_tokens": 2400, "completion_tokens": 85, "total_tokens": 2485,
                "prompt_tokens_details": {"cached_tokens": 2048, "audio_tokens": 0},
                "completion_tokens_details": {"reasoning_tokens": 64}
              },
              "system_fingerprint": null
            }
            """;

    @Test
    void toolCallsAnswerBecomesAnAnthropicMessage() {
        ObjectNode message = OpenAiToAnthropicResponse.translate(parse(TOOL_CALLS_ANSWER), "claude-sonnet");

        assertThat(reparse(message)).isEqualTo(parse("""
                {
                  "id": "msg_chatcmpl-CBv0fXk8a2Q",
                  "type": "message",
                  "role": "assistant",
                  "model": "claude-sonnet",
                  "content": [
                    {"type": "text", "text": "I'll read both files."},
                    {"type": "tool_use", "id": "call_Qx1Lr3vX9", "name": "Read", "input": {"file_path": "/repo/a.txt"}},
                    {"type": "tool_use", "id": "toolu_01A09q90qw90lq917835lq9", "name": "mcp__github__get_issue",
                     "input": {"owner": "spillway", "issue_number": 3}}
                  ],
                  "stop_reason": "tool_use",
                  "stop_sequence": null,
                  "usage": {"input_tokens": 352, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 2048,
                            "output_tokens": 85}
                }
                """));
    }

    @Test
    void theAnthropicSdkReadsTheTranslatedMessage() throws Exception {
        ObjectNode translated = OpenAiToAnthropicResponse.translate(parse(TOOL_CALLS_ANSWER), "claude-sonnet");

        Message message = ObjectMappers.jsonMapper().readValue(Json.bytes(translated), Message.class).validate();

        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
        assertThat(message.content()).hasSize(3);
        assertThat(message.content().get(0).asText().text()).isEqualTo("I'll read both files.");
        assertThat(message.content().get(1).asToolUse().id()).isEqualTo("call_Qx1Lr3vX9");
        assertThat(message.content().get(1).asToolUse()._input().convert(JsonNode.class))
                .isEqualTo(parse("{\"file_path\":\"/repo/a.txt\"}"));
        assertThat(message.usage().inputTokens()).isEqualTo(352);
        assertThat(message.usage().cacheReadInputTokens()).contains(2048L);
    }

    @ParameterizedTest
    @CsvSource({
        "stop, end_turn",
        "length, max_tokens",
        "tool_calls, tool_use",
        "function_call, tool_use",
        "content_filter, refusal",
        "eos, end_turn",
        ", end_turn",
    })
    void finishReasonsBecomeStopReasons(String finishReason, String stopReason) {
        ObjectNode answer = parse("""
                {"id": "x", "choices": [{"index": 0, "message": {"role": "assistant", "content": "hi"}}]}
                """);
        ((ObjectNode) answer.at("/choices/0")).put("finish_reason", finishReason);

        ObjectNode message = OpenAiToAnthropicResponse.translate(answer, "m");

        assertThat(message.get("stop_reason").textValue()).isEqualTo(stopReason);
        assertThat(message.get("stop_sequence").isNull()).isTrue();
    }

    @Test
    void toolCallsWithFinishReasonStopStillStopForToolUse() {
        ObjectNode message = OpenAiToAnthropicResponse.translate(parse("""
                {"id": "chatcmpl-1", "model": "llama3.1", "choices": [{"index": 0, "finish_reason": "stop",
                  "message": {"role": "assistant", "content": "", "tool_calls": [
                    {"id": "call_x", "type": "function", "function": {"name": "LS", "arguments": ""}}]}}]}
                """), "m");

        assertThat(message.get("stop_reason").textValue()).isEqualTo("tool_use");
        assertThat(reparse(message.get("content"))).isEqualTo(AnthropicToOpenAiRequestTest.parseAny("""
                [{"type": "tool_use", "id": "call_x", "name": "LS", "input": {}}]
                """));
    }

    @Test
    void reasoningIsDroppedAndUnparsableArgumentsBecomeAnEmptyInput() {
        ObjectNode message = OpenAiToAnthropicResponse.translate(parse("""
                {"id": "5f8b", "object": "chat.completion", "model": "deepseek-reasoner",
                 "choices": [{"index": 0, "finish_reason": "length", "message": {"role": "assistant",
                   "content": null, "reasoning_content": "Let me think about which file...",
                   "tool_calls": [{"index": 0, "id": "call_0_9c1", "type": "function",
                     "function": {"name": "Write", "arguments": "{\\"file_path\\": \\"/a\\", \\"content\\": \\"unfini"}}]}}],
                 "usage": {"prompt_tokens": 900, "completion_tokens": 4096, "prompt_cache_hit_tokens": 640,
                           "prompt_cache_miss_tokens": 260}}
                """), "deepseek");

        assertThat(reparse(message.get("content"))).isEqualTo(AnthropicToOpenAiRequestTest.parseAny("""
                [{"type": "tool_use", "id": "call_0_9c1", "name": "Write", "input": {}}]
                """));
        assertThat(message.get("stop_reason").textValue()).isEqualTo("max_tokens");
        assertThat(reparse(message.get("usage"))).isEqualTo(parse("""
                {"input_tokens": 260, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 640,
                 "output_tokens": 4096}
                """));
    }

    @Test
    void anAnswerWithoutIdOrUsageGetsARandomIdAndZeroCounts() {
        ObjectNode message = OpenAiToAnthropicResponse.translate(parse("""
                {"choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": ""}}]}
                """), "llama");

        assertThat(message.get("id").textValue()).matches("msg_[0-9a-f]{32}");
        assertThat(message.get("content")).isEmpty();
        assertThat(reparse(message.get("usage"))).isEqualTo(parse("""
                {"input_tokens": 0, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0, "output_tokens": 0}
                """));
    }

    @Test
    void aRefusalBecomesTextWithStopReasonRefusal() {
        ObjectNode message = OpenAiToAnthropicResponse.translate(parse("""
                {"id": "chatcmpl-r", "choices": [{"index": 0, "finish_reason": "stop",
                  "message": {"role": "assistant", "content": null, "refusal": "I can't help with that."}}]}
                """), "m");

        assertThat(reparse(message.get("content"))).isEqualTo(AnthropicToOpenAiRequestTest.parseAny("""
                [{"type": "text", "text": "I can't help with that."}]
                """));
        assertThat(message.get("stop_reason").textValue()).isEqualTo("refusal");
    }

    @Test
    void anAnswerWithoutChoicesIsRefusedWithTheUpstreamMessage() {
        assertThatThrownBy(() -> OpenAiToAnthropicResponse.translate(parse("""
                {"error": {"message": "Provider returned error", "code": 502}}
                """), "m"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Provider returned error");
    }

    /** The node as a client reads it: counts written as longs compare equal to the same counts parsed. */
    static JsonNode reparse(JsonNode node) {
        return AnthropicToOpenAiRequestTest.parseAny(node.toString());
    }
}
