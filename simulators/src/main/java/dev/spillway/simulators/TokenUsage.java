package dev.spillway.simulators;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Token counts reported for one scripted message.
 *
 * @param inputTokens uncached input tokens ({@code input_tokens})
 * @param outputTokens output tokens ({@code output_tokens}), reported cumulatively in {@code message_delta}
 * @param cacheReadTokens tokens read from the prompt cache ({@code cache_read_input_tokens})
 * @param cacheWriteTokens tokens written to the prompt cache ({@code cache_creation_input_tokens})
 */
public record TokenUsage(int inputTokens, int outputTokens, int cacheReadTokens, int cacheWriteTokens) {

    /** Rejects negative counts. */
    public TokenUsage {
        if (inputTokens < 0 || outputTokens < 0 || cacheReadTokens < 0 || cacheWriteTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
    }

    /** The {@code usage} object of a complete message. */
    ObjectNode toMessageUsage() {
        return toUsage(outputTokens);
    }

    /** The {@code usage} object of {@code message_start}: input counts in full, one output token so far. */
    ObjectNode toStartUsage() {
        return toUsage(Math.min(1, outputTokens));
    }

    private ObjectNode toUsage(int output) {
        ObjectNode usage = Json.object();
        usage.put("input_tokens", inputTokens);
        usage.put("cache_creation_input_tokens", cacheWriteTokens);
        usage.put("cache_read_input_tokens", cacheReadTokens);
        usage.put("output_tokens", output);
        return usage;
    }
}
