package dev.spillway.engine.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.spillway.engine.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** JSON helpers for the tests of the translations an OpenAI client's requests go through. */
final class OpenAiClientJson {

    static final String MODEL = "claude-sonnet-4-5-20250929";

    private OpenAiClientJson() {
    }

    /** Parses JSON written with single quotes for readability ({@code 'a'} becomes {@code "a"}). */
    static JsonNode json(String singleQuoted) {
        return parse(singleQuoted.replace('\'', '"'));
    }

    static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The node as a client would read it back from the wire (so int and long counts compare equal). */
    static JsonNode wire(JsonNode node) {
        return parse(new String(Json.bytes(node), StandardCharsets.UTF_8));
    }

    static void assertJson(JsonNode actual, String expectedSingleQuoted) {
        assertThat(wire(actual)).isEqualTo(json(expectedSingleQuoted));
    }

    /** The Anthropic body for an OpenAI body. */
    static ObjectNode translate(String openAiSingleQuoted) {
        return OpenAiToAnthropicRequest.translate((ObjectNode) json(openAiSingleQuoted), MODEL);
    }

    /** Asserts that the translation fails naming this field. */
    static TranslationException rejects(String openAiSingleQuoted, String field) {
        ThrowingCallable translation = () -> translate(openAiSingleQuoted);
        Throwable thrown = catchThrowable(translation);
        assertThat(thrown).as("translating %s", openAiSingleQuoted).isInstanceOf(TranslationException.class);
        TranslationException e = (TranslationException) thrown;
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).startsWith(field + ": ").hasSizeGreaterThan(field.length() + 10);
        return e;
    }

    /** The data of each SSE event in these bytes, as JSON, with {@code [DONE]} as the text node "[DONE]". */
    static List<JsonNode> sseData(byte[] bytes) {
        List<JsonNode> events = new ArrayList<>();
        for (SseEvent event : new SseParser().feed(bytes)) {
            assertThat(event.event()).as("OpenAI streams have no event: lines").isNull();
            events.add(event.data().equals("[DONE]") ? TextNode.valueOf("[DONE]") : parse(event.data()));
        }
        return events;
    }
}
