package dev.spillway.engine.translate;

/**
 * One server-sent event.
 *
 * @param event the {@code event:} field, or {@code null} when the event had none (OpenAI sends none)
 * @param data the {@code data:} lines joined with {@code \n}
 */
public record SseEvent(String event, String data) {
}
