package dev.spillway.engine.request;

/** The client sent something the gateway cannot route; the message is written for the client. */
public final class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String message) {
        super(message);
    }
}
