package dev.spillway.app;

import java.net.URI;
import java.util.Optional;

/**
 * What the hosted engine is doing.
 *
 * @param status running, stopped, starting or failed
 * @param baseUrl where it listens while running
 * @param problem why it failed (for the tray and the status window), empty otherwise
 */
public record EngineState(Status status, Optional<URI> baseUrl, Optional<String> problem) {

    public enum Status { STARTING, RUNNING, STOPPED, FAILED }

    public static EngineState starting() {
        return new EngineState(Status.STARTING, Optional.empty(), Optional.empty());
    }

    public static EngineState running(URI baseUrl) {
        return new EngineState(Status.RUNNING, Optional.of(baseUrl), Optional.empty());
    }

    public static EngineState stopped() {
        return new EngineState(Status.STOPPED, Optional.empty(), Optional.empty());
    }

    public static EngineState failed(String problem) {
        return new EngineState(Status.FAILED, Optional.empty(), Optional.of(problem));
    }

    public boolean isRunning() {
        return status == Status.RUNNING;
    }
}
