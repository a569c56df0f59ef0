package dev.spillway.simulators;

/**
 * The routes of an OpenAI-compatible API. Matched on the end of the path, so that any base works: {@code /v1}
 * (OpenAI, Groq, DeepSeek, Ollama), none, or a longer prefix such as OpenRouter's {@code /api/v1}.
 */
enum OpenAiRoute {

    /** {@code POST .../chat/completions}. */
    CHAT_COMPLETIONS,
    /** {@code POST .../completions}, the legacy text completions. */
    COMPLETIONS,
    /** {@code GET .../models}. */
    MODELS;

    /** The route for {@code method} and the decoded {@code path} (no query), or {@code null} if there is none. */
    static OpenAiRoute match(String method, String path) {
        if (method.equals("POST") && path.endsWith("/chat/completions")) {
            return CHAT_COMPLETIONS;
        }
        if (method.equals("POST") && path.endsWith("/completions")) {
            return COMPLETIONS;
        }
        if (method.equals("GET") && path.endsWith("/models")) {
            return MODELS;
        }
        return null;
    }
}
