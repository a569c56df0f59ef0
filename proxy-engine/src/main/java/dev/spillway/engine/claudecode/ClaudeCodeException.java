package dev.spillway.engine.claudecode;

/** The integration cannot proceed; the message says why and what to do, fit to show the user as is. */
public final class ClaudeCodeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ClaudeCodeException(String message) {
        super(message);
    }
}
