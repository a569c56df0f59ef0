package dev.spillway.engine.discovery;

/** Model discovery could not ask an upstream; the message says which and why. */
public final class DiscoveryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DiscoveryException(String message) {
        super(message);
    }
}
