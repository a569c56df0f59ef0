package dev.spillway.engine.config;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code litellm_params.model} split into provider and model: {@code bedrock/us.anthropic.claude-…} →
 * ({@code bedrock}, {@code us.anthropic.claude-…}). Only the first {@code /} separates; the model may contain more
 * (ARNs, {@code openrouter/qwen/qwen3-coder}).
 *
 * @param provider lower case provider prefix
 * @param model the rest, never empty
 */
record ModelRef(String provider, String model) {

    static final String ANTHROPIC = "anthropic";
    static final String BEDROCK = "bedrock";

    private static final Pattern PROVIDER = Pattern.compile("[a-z0-9][a-z0-9_.-]*");
    private static final String EXPECTED = "provider/model, e.g. anthropic/claude-sonnet-4-5-20250929";

    /**
     * Reads {@code model}, honouring LiteLLM's {@code custom_llm_provider} (then the model needs no prefix).
     *
     * @param modelNode {@code litellm_params.model}
     * @param customProvider {@code litellm_params.custom_llm_provider}
     */
    static ModelRef read(ConfigNode modelNode, ConfigNode customProvider) {
        String text = modelNode.requiredString(EXPECTED).trim();
        Optional<String> custom = customProvider.optionalString().map(p -> p.trim().toLowerCase(Locale.ROOT));
        if (custom.isPresent() && !PROVIDER.matcher(custom.get()).matches()) {
            throw customProvider.expected("a provider name such as anthropic or bedrock");
        }
        String provider;
        String model;
        int slash = text.indexOf('/');
        if (custom.isPresent()) {
            provider = custom.get();
            model = text.regionMatches(true, 0, provider + "/", 0, provider.length() + 1)
                    ? text.substring(provider.length() + 1)
                    : text;
        } else if (slash < 0) {
            String shown = modelNode.isEnvironmentReference() ? "<model>" : text;
            throw modelNode.error("expected " + EXPECTED + ", found " + modelNode.shownValue()
                    + "; add a provider prefix: anthropic/" + shown + " for Anthropic's API or bedrock/" + shown
                    + " for AWS Bedrock");
        } else {
            provider = text.substring(0, slash).trim().toLowerCase(Locale.ROOT);
            model = text.substring(slash + 1).trim();
            if (!PROVIDER.matcher(provider).matches()) {
                throw modelNode.expected(EXPECTED);
            }
        }
        if (provider.equals(BEDROCK)) {
            model = bedrockModel(modelNode, model);
        }
        if (model.isEmpty()) {
            throw modelNode.error(
                    "expected " + EXPECTED + ", found " + modelNode.shownValue() + " with no model after the prefix");
        }
        return new ModelRef(provider, model);
    }

    /** Strips LiteLLM's {@code invoke/} route prefix; refuses {@code converse/}. */
    private static String bedrockModel(ConfigNode modelNode, String model) {
        if (model.startsWith("converse/")) {
            String rest = modelNode.isEnvironmentReference() ? "<model>" : model.substring("converse/".length());
            throw modelNode.error(
                    "bedrock/converse/ models are not supported by Spillway; write bedrock/" + rest + " instead");
        }
        return model.startsWith("invoke/") ? model.substring("invoke/".length()) : model;
    }

    boolean isBedrock() {
        return provider.equals(BEDROCK);
    }
}
