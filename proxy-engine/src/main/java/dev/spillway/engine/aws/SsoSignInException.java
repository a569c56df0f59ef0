package dev.spillway.engine.aws;

/** A sign-in that cannot complete; the message says why and what to do, fit to show the user as is. */
public final class SsoSignInException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SsoSignInException(String message, Throwable cause) {
        super(message, cause);
    }

    public SsoSignInException(String message) {
        super(message);
    }
}
