package dev.spillway.simulators;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Token counts reported for one scripted OpenAI completion.
 *
 * @param promptTokens all prompt tokens ({@code prompt_tokens}), cached ones included
 * @param completionTokens generated tokens ({@code completion_tokens}), reasoning included
 * @param cachedPromptTokens the part of the prompt served from the cache ({@code prompt_tokens_details.cached_tokens})
 */
record OpenAiUsage(int promptTokens, int completionTokens, int cachedPromptTokens) {

    OpenAiUsage {
        if (promptTokens < 0 || completionTokens < 0 || cachedPromptTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
        if (cachedPromptTokens > promptTokens) {
            throw new IllegalArgumentException("cached prompt tokens are part of the prompt tokens: "
                    + cachedPromptTokens + " > " + promptTokens);
        }
    }

    /** The {@code usage} object of a chat completion, with {@code reasoningTokens} of the completion tokens. */
    ObjectNode toChatUsage(int reasoningTokens) {
        ObjectNode usage = toLegacyUsage();
        usage.putObject("prompt_tokens_details").put("cached_tokens", cachedPromptTokens).put("audio_tokens", 0);
        usage.putObject("completion_tokens_details")
                .put("reasoning_tokens", Math.min(reasoningTokens, completionTokens))
                .put("audio_tokens", 0)
                .put("accepted_prediction_tokens", 0)
                .put("rejected_prediction_tokens", 0);
        return usage;
    }

    /** The {@code usage} object of a legacy text completion: the three totals only. */
    ObjectNode toLegacyUsage() {
        return Json.object()
                .put("prompt_tokens", promptTokens)
                .put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
    }
}
