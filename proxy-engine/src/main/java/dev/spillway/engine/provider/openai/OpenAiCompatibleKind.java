package dev.spillway.engine.provider.openai;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;

/** The OpenAI-compatible upstreams Spillway knows by their LiteLLM provider prefix, with their real base URLs. */
public enum OpenAiCompatibleKind {
    OPENAI("openai", "https://api.openai.com/v1", true),
    OPENROUTER("openrouter", "https://openrouter.ai/api/v1", true),
    GROQ("groq", "https://api.groq.com/openai/v1", true),
    DEEPSEEK("deepseek", "https://api.deepseek.com/v1", true),
    /** Ollama's OpenAI-compatible endpoint; a local server needs no key. */
    OLLAMA("ollama", "http://localhost:11434/v1", false);

    private final String prefix;
    private final URI defaultBase;
    private final boolean needsKey;

    OpenAiCompatibleKind(String prefix, String defaultBase, boolean needsKey) {
        this.prefix = prefix;
        this.defaultBase = URI.create(defaultBase);
        this.needsKey = needsKey;
    }

    public static Optional<OpenAiCompatibleKind> forPrefix(String prefix) {
        return Arrays.stream(values()).filter(k -> k.prefix.equals(prefix)).findFirst();
    }

    public String prefix() {
        return prefix;
    }

    public URI defaultBase() {
        return defaultBase;
    }

    /** Whether calls fail without an {@code api_key} (all but a local Ollama). */
    public boolean needsKey() {
        return needsKey;
    }
}
