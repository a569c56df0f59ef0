package dev.spillway.engine.spend;

/** The spend database could not be opened or read. */
public final class SpendStoreException extends RuntimeException {

    public SpendStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
