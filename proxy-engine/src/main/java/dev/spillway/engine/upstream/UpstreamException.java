package dev.spillway.engine.upstream;

/**
 * An upstream could not be reached or did not answer: connection refused, reset, timed out, or a stream that broke
 * before its first byte. The router treats it like a 5xx; {@link #status} and {@link #errorType} say how to report it
 * to the client if nothing else answers.
 */
public final class UpstreamException extends RuntimeException {

    private final int status;
    private final String errorType;

    public UpstreamException(int status, String errorType, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorType = errorType;
    }

    public static UpstreamException timeout(String message) {
        return new UpstreamException(504, "timeout_error", message, null);
    }

    public static UpstreamException unreachable(String message, Throwable cause) {
        return new UpstreamException(502, "api_error", message, cause);
    }

    public int status() {
        return status;
    }

    public String errorType() {
        return errorType;
    }
}
