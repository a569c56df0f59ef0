package dev.spillway.engine.request;

/** The API operations the gateway routes, each in its dialect. */
public enum Operation {
    MESSAGES(Dialect.ANTHROPIC, "/v1/messages"),
    COUNT_TOKENS(Dialect.ANTHROPIC, "/v1/messages/count_tokens"),
    CHAT_COMPLETIONS(Dialect.OPENAI, "/chat/completions"),
    COMPLETIONS(Dialect.OPENAI, "/completions");

    private final Dialect dialect;
    private final String path;

    Operation(Dialect dialect, String path) {
        this.dialect = dialect;
        this.path = path;
    }

    public Dialect dialect() {
        return dialect;
    }

    /**
     * The path below the upstream's base URL: absolute for Anthropic ({@code https://api.anthropic.com} +
     * {@code /v1/messages}), relative to the versioned base for OpenAI-compatible servers
     * ({@code https://api.openai.com/v1} + {@code /chat/completions}).
     */
    public String path() {
        return path;
    }

    /** Whether the answer may be streamed. */
    public boolean streams() {
        return this != COUNT_TOKENS;
    }
}
