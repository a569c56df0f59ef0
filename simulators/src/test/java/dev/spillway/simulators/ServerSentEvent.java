package dev.spillway.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** One parsed SSE event, and a parser for a whole {@code text/event-stream} body. */
record ServerSentEvent(String event, JsonNode data) {

    String type() {
        return data.path("type").asText();
    }

    /** Parses {@code event: ...\ndata: ...\n\n} blocks; fails on anything else. */
    static List<ServerSentEvent> parseAll(String body) {
        List<ServerSentEvent> events = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            if (block.isEmpty()) {
                continue;
            }
            String[] lines = block.split("\n");
            if (lines.length != 2 || !lines[0].startsWith("event: ") || !lines[1].startsWith("data: ")) {
                throw new IllegalArgumentException("not an SSE event block: " + block);
            }
            events.add(new ServerSentEvent(lines[0].substring(7), Json.parse(lines[1].substring(6))));
        }
        return events;
    }
}
