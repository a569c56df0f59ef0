package dev.spillway.engine.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.json.Json;
import java.util.UUID;

/**
 * What OpenAI-compatible answers and stream chunks share on their way to Anthropic's format: the stop reason, the
 * token counts and message ids. Used by {@link OpenAiToAnthropicResponse} and {@link OpenAiToAnthropicStream} so the
 * two always agree.
 */
final class OpenAiResults {

    private OpenAiResults() {
    }

    /**
     * Anthropic {@code stop_reason} for an OpenAI {@code finish_reason}. OpenAI does not say whether {@code stop}
     * meant the natural end or one of the {@code stop} sequences, so both become {@code end_turn}. Some compatible
     * servers (Ollama, several vLLM builds) answer {@code stop} even when the message calls tools; Claude Code's loop
     * needs {@code tool_use} then, so the presence of tool calls decides.
     *
     * @param finishReason OpenAI's finish reason, {@code null} if the upstream never sent one
     * @param hasToolUse whether the translated message carries at least one {@code tool_use} block
     * @param refused whether the model answered with OpenAI's {@code refusal} field instead of content
     */
    static String stopReason(String finishReason, boolean hasToolUse, boolean refused) {
        if (finishReason != null) {
            switch (finishReason) {
                case "length":
                    return "max_tokens";
                case "content_filter":
                    return "refusal";
                case "tool_calls", "function_call":
                    return "tool_use";
                default:
                    break; // "stop", "eos" and other server-specific values
            }
        }
        if (hasToolUse) {
            return "tool_use";
        }
        return refused ? "refusal" : "end_turn";
    }

    /**
     * Anthropic {@code usage} for an OpenAI {@code usage} object. Anthropic's {@code input_tokens} excludes cache
     * reads (total input = input + cache reads + cache writes), OpenAI's {@code prompt_tokens} includes them, so the
     * cached part is moved over. Cached tokens come from {@code prompt_tokens_details.cached_tokens} (OpenAI, Groq,
     * OpenRouter) or DeepSeek's {@code prompt_cache_hit_tokens}. OpenAI-compatible APIs cache automatically and do
     * not report cache writes: {@code cache_creation_input_tokens} is always 0.
     */
    static ObjectNode usage(JsonNode openAiUsage) {
        long prompt = count(openAiUsage.get("prompt_tokens"));
        JsonNode cachedNode = openAiUsage.path("prompt_tokens_details").get("cached_tokens");
        long cached = cachedNode != null && cachedNode.isIntegralNumber()
                ? cachedNode.longValue()
                : count(openAiUsage.get("prompt_cache_hit_tokens"));
        cached = Math.min(cached, prompt);
        ObjectNode usage = Json.object();
        usage.put("input_tokens", prompt - cached);
        usage.put("cache_creation_input_tokens", 0);
        usage.put("cache_read_input_tokens", cached);
        usage.put("output_tokens", count(openAiUsage.get("completion_tokens")));
        return usage;
    }

    /** The usage object of a chunk or answer: OpenAI's {@code usage}, else Groq's older {@code x_groq.usage}. */
    static JsonNode usageOf(JsonNode chunkOrAnswer) {
        JsonNode usage = chunkOrAnswer.get("usage");
        if (usage != null && usage.isObject()) {
            return usage;
        }
        JsonNode groq = chunkOrAnswer.path("x_groq").get("usage");
        return groq != null && groq.isObject() ? groq : null;
    }

    /**
     * The text of an OpenAI {@code content} (or {@code refusal}) value: a string, or an array of {@code text} parts
     * as a few compatible servers answer.
     */
    static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.textValue();
        }
        StringBuilder text = new StringBuilder();
        if (content.isArray()) {
            for (JsonNode part : content) {
                JsonNode partText = part.get("text");
                if (partText != null && partText.isTextual()) {
                    text.append(partText.textValue());
                }
            }
        }
        return text.toString();
    }

    /** {@code msg_} + the upstream id, so logs on both sides can be matched; a random one if there is none. */
    static String messageId(String upstreamId) {
        if (upstreamId != null && !upstreamId.isBlank()) {
            return "msg_" + upstreamId;
        }
        return randomId("msg_");
    }

    static String randomId(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }

    private static long count(JsonNode node) {
        return node != null && node.canConvertToLong() ? Math.max(0, node.longValue()) : 0;
    }
}
