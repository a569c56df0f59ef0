package dev.spillway.ui.settings.providers;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The providers whose keys the settings window manages: the config prefix, the variable the key is stored under,
 * and the shape a key of theirs has (so a pasted key with a stray space or from the wrong provider is caught).
 */
public enum ProviderKind {
    ANTHROPIC("anthropic", "Anthropic", "ANTHROPIC_API_KEY", "sk-ant-", "sk-ant-..."),
    OPENAI("openai", "OpenAI", "OPENAI_API_KEY", "sk-", "sk-..."),
    OPENROUTER("openrouter", "OpenRouter", "OPENROUTER_API_KEY", "sk-or-", "sk-or-..."),
    GROQ("groq", "Groq", "GROQ_API_KEY", "gsk_", "gsk_..."),
    DEEPSEEK("deepseek", "DeepSeek", "DEEPSEEK_API_KEY", "sk-", "sk-...");

    private static final Pattern KEY_CHARACTERS = Pattern.compile("[A-Za-z0-9_\\-.]+");

    private final String prefix;
    private final String displayName;
    private final String variable;
    private final String keyPrefix;
    private final String keyHint;

    ProviderKind(String prefix, String displayName, String variable, String keyPrefix, String keyHint) {
        this.prefix = prefix;
        this.displayName = displayName;
        this.variable = variable;
        this.keyPrefix = keyPrefix;
        this.keyHint = keyHint;
    }

    /** The {@code litellm_params.model} prefix, e.g. {@code openai}. */
    public String prefix() {
        return prefix;
    }

    public String displayName() {
        return displayName;
    }

    /** The key store name and {@code os.environ/} variable, e.g. {@code OPENAI_API_KEY}. */
    public String variable() {
        return variable;
    }

    public String keyHint() {
        return keyHint;
    }

    /** Why {@code key} cannot be this provider's key, if it cannot. Empty keys are fine (no key). */
    public Optional<String> keyProblem(String key) {
        if (key.isEmpty()) {
            return Optional.empty();
        }
        if (!KEY_CHARACTERS.matcher(key).matches()) {
            return Optional.of("A key has no spaces or quotes; paste it again.");
        }
        if (!key.startsWith(keyPrefix) || key.length() < keyPrefix.length() + 8) {
            return Optional.of(displayName + " keys look like " + keyHint);
        }
        return Optional.empty();
    }
}
