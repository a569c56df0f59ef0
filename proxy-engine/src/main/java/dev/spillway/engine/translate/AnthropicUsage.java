package dev.spillway.engine.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.json.Json;

/**
 * Token counts from Anthropic {@code usage} objects, as OpenAI {@code usage}. Counts present in a later object
 * replace earlier ones (a stream's {@code message_delta} usage is cumulative), absent ones are kept.
 */
final class AnthropicUsage {

    private long input;
    private long cacheRead;
    private long cacheCreation;
    private long output;
    private Long thinking;

    static AnthropicUsage of(JsonNode usage) {
        AnthropicUsage counts = new AnthropicUsage();
        counts.absorb(usage);
        return counts;
    }

    void absorb(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return;
        }
        input = count(usage.get("input_tokens"), input);
        cacheRead = count(usage.get("cache_read_input_tokens"), cacheRead);
        cacheCreation = count(usage.get("cache_creation_input_tokens"), cacheCreation);
        output = count(usage.get("output_tokens"), output);
        JsonNode thinkingTokens = usage.path("output_tokens_details").get("thinking_tokens");
        if (thinkingTokens != null && thinkingTokens.isIntegralNumber()) {
            thinking = thinkingTokens.longValue();
        }
    }

    private static long count(JsonNode node, long previous) {
        return node != null && node.isIntegralNumber() ? node.longValue() : previous;
    }

    /**
     * OpenAI usage: prompt tokens are every input token Anthropic counted (uncached, cache reads and cache writes),
     * of which the cache reads are {@code prompt_tokens_details.cached_tokens}.
     */
    ObjectNode toOpenAi() {
        long prompt = input + cacheRead + cacheCreation;
        ObjectNode usage = Json.object();
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", output);
        usage.put("total_tokens", prompt + output);
        usage.putObject("prompt_tokens_details").put("cached_tokens", cacheRead);
        if (thinking != null) {
            usage.putObject("completion_tokens_details").put("reasoning_tokens", thinking);
        }
        return usage;
    }
}
