package dev.spillway.engine.provider.openai;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which OpenAI-compatible models take {@code reasoning_effort}. Claude Code asks for thinking on every model it does
 * not recognise, and models without reasoning answer 400 to the parameter, so translated requests keep it only for
 * these. A deployment can say otherwise with {@code supports_reasoning} in {@code litellm_params}.
 */
final class ReasoningModels {

    private static final Pattern KNOWN = Pattern.compile(
            "(^|/)(o\\d[\\w.-]*|gpt-5[\\w.-]*|gpt-oss[\\w.-]*|deepseek-reasoner|deepseek-r1[\\w.-]*|grok-3-mini[\\w.-]*"
                    + "|grok-4[\\w.-]*|qwen3[\\w.:-]*|qwq[\\w.:-]*)$");

    private ReasoningModels() {
    }

    static boolean takesReasoningEffort(String model) {
        return KNOWN.matcher(model.toLowerCase(Locale.ROOT)).find();
    }

    /** OpenAI's reasoning models refuse {@code max_tokens} and want {@code max_completion_tokens}. */
    static boolean wantsMaxCompletionTokens(OpenAiCompatibleKind kind) {
        return kind == OpenAiCompatibleKind.OPENAI;
    }
}
