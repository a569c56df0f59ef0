package dev.spillway.engine.translate;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a byte stream into server-sent events as bytes arrive, whatever the chunk boundaries. Comment lines and
 * fields other than {@code event} and {@code data} are ignored; an event ends at a blank line.
 */
public final class SseParser {

    private final ByteArrayOutputStream partialLine = new ByteArrayOutputStream();
    private String event;
    private StringBuilder data;

    /** The events completed by these bytes, in order. */
    public List<SseEvent> feed(byte[] bytes) {
        List<SseEvent> events = new ArrayList<>(2);
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                partialLine.write(bytes, start, i - start);
                onLine(lineText(), events);
                partialLine.reset();
                start = i + 1;
            }
        }
        partialLine.write(bytes, start, bytes.length - start);
        return events;
    }

    private String lineText() {
        String line = partialLine.toString(StandardCharsets.UTF_8);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private void onLine(String line, List<SseEvent> events) {
        if (line.isEmpty()) {
            if (data != null) {
                events.add(new SseEvent(event, data.toString()));
            }
            event = null;
            data = null;
            return;
        }
        if (line.startsWith(":")) {
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        if (field.equals("event")) {
            event = value;
        } else if (field.equals("data")) {
            data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
        }
    }
}
