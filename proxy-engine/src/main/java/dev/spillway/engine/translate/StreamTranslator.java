package dev.spillway.engine.translate;

/** Re-writes one stream's events from the upstream's dialect into the client's, event by event. */
public interface StreamTranslator {

    /** The client-dialect bytes (zero or more events) for one upstream event. */
    byte[] onEvent(SseEvent event);

    /** What the client must still receive after the upstream's last event. */
    byte[] onEnd();
}
