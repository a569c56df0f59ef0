package dev.spillway.engine.secrets;

/** A secret could not be read or written; the message never contains the secret. */
public final class SecretStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SecretStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public SecretStoreException(String message) {
        super(message);
    }
}
