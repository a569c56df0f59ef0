package dev.spillway.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A strict parser for OpenAI's {@code text/event-stream} bodies: only {@code data: <payload>\n\n} blocks. */
final class DataEvents {

    static final String DONE = "[DONE]";

    private DataEvents() {
    }

    /** The payload of every block, in order; fails on any other line, or on a body not ending in a blank line. */
    static List<String> payloads(String body) {
        if (!body.isEmpty() && !body.endsWith("\n\n")) {
            throw new IllegalArgumentException("body does not end with a complete event: " + body);
        }
        List<String> payloads = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            if (block.isEmpty()) {
                continue;
            }
            if (block.contains("\n") || !block.startsWith("data: ")) {
                throw new IllegalArgumentException("not a single data line: " + block);
            }
            payloads.add(block.substring(6));
        }
        return payloads;
    }

    /** The JSON chunks of a body that must end in {@code data: [DONE]}, without it. */
    static List<JsonNode> chunksBeforeDone(String body) {
        List<String> payloads = payloads(body);
        if (payloads.isEmpty() || !payloads.get(payloads.size() - 1).equals(DONE)) {
            throw new IllegalArgumentException("stream does not end with [DONE]: " + body);
        }
        return payloads.subList(0, payloads.size() - 1).stream().map(Json::parse).toList();
    }

    /** The JSON of every block of a body that has no {@code [DONE]}. */
    static List<JsonNode> chunks(String body) {
        return payloads(body).stream().map(Json::parse).toList();
    }

    /** The choice-0 deltas of chat chunks that have a choice. */
    static List<JsonNode> deltas(List<JsonNode> chunks) {
        return chunks.stream().filter(chunk -> chunk.path("choices").size() > 0)
                .map(chunk -> chunk.path("choices").get(0).path("delta")).toList();
    }

    /** The concatenated text values of {@code field} over the deltas, skipping nulls. */
    static String concat(List<JsonNode> deltas, String field) {
        StringBuilder text = new StringBuilder();
        for (JsonNode delta : deltas) {
            JsonNode value = delta.get(field);
            if (value != null && value.isTextual()) {
                text.append(value.textValue());
            }
        }
        return text.toString();
    }
}
