package dev.spillway.engine.request;

/** The Anthropic API operations the gateway routes. */
public enum Operation {
    MESSAGES("/v1/messages"),
    COUNT_TOKENS("/v1/messages/count_tokens");

    private final String path;

    Operation(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }
}
