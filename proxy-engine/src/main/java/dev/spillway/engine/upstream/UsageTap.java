package dev.spillway.engine.upstream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.engine.events.RequestEvent;
import dev.spillway.engine.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads token usage out of an Anthropic or OpenAI answer as it passes through, without holding it back: input and cache counts
 * from {@code message_start}, then the cumulative counts of each {@code message_delta}. Only lines that mention
 * {@code usage} are parsed; the rest is scanned for line ends and forgotten.
 */
public final class UsageTap {

    private static final byte[] USAGE = "\"usage\"".getBytes(StandardCharsets.US_ASCII);

    private final ByteArrayOutputStream partial = new ByteArrayOutputStream(0);
    private long input;
    private long output;
    private long cacheRead;
    private long cacheWrite;

    /** Feeds the next bytes of an SSE stream. Lines are read in place; only a line split across chunks is copied. */
    public void onStreamBytes(byte[] bytes) {
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                if (partial.size() > 0) {
                    partial.write(bytes, start, i - start);
                    byte[] line = partial.toByteArray();
                    partial.reset();
                    onLine(line, 0, line.length);
                } else {
                    onLine(bytes, start, i);
                }
                start = i + 1;
            }
        }
        if (start < bytes.length) {
            partial.write(bytes, start, bytes.length - start);
        }
    }

    /** Reads a complete (non-streamed) message: only its top-level {@code usage} object is parsed. */
    public void onMessageBody(byte[] body) {
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if ("usage".equals(field)) {
                    absorb(Json.MAPPER.readTree(parser));
                    return;
                }
                parser.skipChildren();
            }
        } catch (IOException | RuntimeException e) {
            // Not JSON: nothing to count.
        }
    }

    public RequestEvent.Usage usage() {
        return new RequestEvent.Usage(input, output, cacheRead, cacheWrite);
    }

    /** One line, {@code bytes[from, to)}; only {@code data:} lines that mention usage are parsed. */
    private void onLine(byte[] bytes, int from, int to) {
        if (to - from < 6 || bytes[from] != 'd' || !contains(bytes, from, to, USAGE)) {
            return;
        }
        try {
            JsonNode event = Json.MAPPER.readTree(bytes, from + 5, to - from - 5);
            switch (event.path("type").asText()) {
                case "message_start" -> absorb(event.path("message").path("usage"));
                case "message_delta" -> absorb(event.path("usage"));
                default -> absorb(event.path("usage")); // an OpenAI chunk carrying usage
            }
        } catch (IOException | RuntimeException e) {
            // A line that is not an event's JSON: ignore it.
        }
    }

    private void absorb(JsonNode usage) {
        if (!usage.isObject()) {
            return;
        }
        if (usage.has("prompt_tokens")) { // OpenAI: cached tokens are part of the prompt tokens
            long cached = usage.path("prompt_tokens_details").path("cached_tokens").asLong(0);
            input = usage.path("prompt_tokens").asLong(0) - cached;
            cacheRead = cached;
            output = usage.path("completion_tokens").asLong(output);
            return;
        }
        input = usage.path("input_tokens").asLong(input);
        output = usage.path("output_tokens").asLong(output);
        cacheRead = usage.path("cache_read_input_tokens").asLong(cacheRead);
        cacheWrite = usage.path("cache_creation_input_tokens").asLong(cacheWrite);
    }

    private static boolean contains(byte[] haystack, int from, int to, byte[] needle) {
        outer:
        for (int i = from; i <= to - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
