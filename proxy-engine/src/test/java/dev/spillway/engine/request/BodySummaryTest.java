package dev.spillway.engine.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BodySummaryTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> rejecting(byte[] body) {
        return assertThatThrownBy(() -> BodySummary.of(body)).isInstanceOf(InvalidRequestException.class);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> rejecting(String body) {
        return rejecting(utf8(body));
    }

    @Test
    void readsModelAndStreamFromARealisticRequest() {
        BodySummary summary = BodySummary.of(utf8("""
                {
                  "model": "claude-sonnet-4-5-20250929",
                  "max_tokens": 32000,
                  "system": [{"type": "text", "text": "You are Claude Code.", "cache_control": {"type": "ephemeral"}}],
                  "messages": [{"role": "user", "content": [{"type": "text", "text": "héllo {\\"model\\": 1}"}]}],
                  "tools": [{"name": "Bash", "input_schema": {"type": "object", "properties": {"model": {"type": "string"}}}}],
                  "metadata": {"user_id": "user_abc"},
                  "stream": true
                }
                """));

        assertThat(summary).isEqualTo(new BodySummary("claude-sonnet-4-5-20250929", true));
    }

    @Test
    void streamDefaultsToFalse() {
        assertThat(BodySummary.of(utf8("{\"model\":\"m\"}")).stream()).isFalse();
        assertThat(BodySummary.of(utf8("{\"model\":\"m\",\"stream\":false}")).stream()).isFalse();
        assertThat(BodySummary.of(utf8("{\"model\":\"m\",\"stream\":null}")).stream()).isFalse();
    }

    @Test
    void nestedModelFieldsAreNotTheModel() {
        rejecting("{\"metadata\":{\"model\":\"claude\"},\"messages\":[]}").hasMessage("model: Field required.");
    }

    @Test
    void missingModelIsRequired() {
        rejecting("{\"max_tokens\":10,\"messages\":[]}").hasMessage("model: Field required.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "\"   \""})
    void blankModelIsRequired(String model) {
        rejecting("{\"model\":" + model + "}").hasMessage("model: Field required.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "null", "true", "[\"claude\"]", "{\"name\":\"claude\"}"})
    void modelMustBeAString(String model) {
        rejecting("{\"model\":" + model + ",\"max_tokens\":1}").hasMessage("model: expected a string.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"true\"", "1", "[]", "{}"})
    void streamMustBeABoolean(String stream) {
        rejecting("{\"model\":\"m\",\"stream\":" + stream + "}").hasMessage("stream: expected a boolean.");
    }

    @Test
    void malformedJsonSaysWhere() {
        rejecting("{\n  \"model\": \"m\",\n  \"max_tokens\": ,\n}")
                .hasMessageStartingWith("The request body is not valid JSON: ")
                .hasMessageContaining("(line 3, column")
                .hasMessageNotContaining("\n")
                .hasMessageNotContaining("Source");
    }

    @Test
    void truncatedBodyEndsTooEarly() {
        rejecting("{\"model\":\"m\",\"messages\":[{\"role\":\"user\"")
                .hasMessage("The request body is not valid JSON: it ends too early.");
    }

    @Test
    void secondValueAfterTheObjectIsRefused() {
        rejecting("{\"model\":\"m\"} {\"model\":\"n\"}")
                .hasMessage("The request body is not valid JSON: unexpected content after the object.");
    }

    @Test
    void trailingGarbageIsRefused() {
        rejecting("{\"model\":\"m\"}garbage").hasMessageStartingWith("The request body is not valid JSON");
    }

    @Test
    void trailingWhitespaceIsFine() {
        assertThat(BodySummary.of(utf8("{\"model\":\"m\"}\r\n\n  ")).model()).isEqualTo("m");
    }

    @Test
    void emptyBodyIsRefused() {
        rejecting(new byte[0]).hasMessageStartingWith("The request body is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"model\":\"m\"}]", "\"claude\"", "42", "null", "   "})
    void bodyMustBeAnObject(String body) {
        rejecting(body).hasMessage("The request body must be a JSON object.");
    }

    @Test
    void invalidUtf8InTheModelIsRefused() {
        rejecting(withBytes("{\"model\":\"claude", 0xC3, 0x28, "\"}"))
                .hasMessageStartingWith("The request body is not valid UTF-8: ");
    }

    @Test
    void invalidUtf8InASkippedStringIsRefusedToo() {
        rejecting(withBytes("{\"model\":\"claude\",\"messages\":[{\"role\":\"user\",\"content\":\"a", 0xC3, 0x28,
                "b\"}]}"))
                .hasMessageStartingWith("The request body is not valid UTF-8: ");
    }

    @Test
    void loneContinuationByteIsRefused() {
        rejecting(withBytes("{\"model\":\"m\",\"x\":\"", 0x80, "\"}"))
                .hasMessageStartingWith("The request body is not valid UTF-8: ");
    }

    @Test
    void validMultibyteUtf8IsAccepted() {
        assertThat(BodySummary.of(utf8("{\"model\":\"claude-ü-日本\"}")).model()).isEqualTo("claude-ü-日本");
    }

    private static byte[] withBytes(String before, int b1, int b2, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8(before));
        out.write(b1);
        out.write(b2);
        out.writeBytes(utf8(after));
        return out.toByteArray();
    }

    private static byte[] withBytes(String before, int b, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8(before));
        out.write(b);
        out.writeBytes(utf8(after));
        return out.toByteArray();
    }
}
