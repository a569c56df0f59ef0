package dev.spillway.engine.keys;

/** The key tables could not be read or written. */
public final class KeyStoreException extends RuntimeException {

    public KeyStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
