package dev.spillway.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * One scripted answer of the {@link AnthropicSimulator} to {@code POST /v1/messages}. Immutable; the
 * {@code with...} methods return modified copies.
 *
 * <p>A message reply renders as Server-Sent Events when the request body says {@code "stream": true} and as a JSON
 * message otherwise; its {@code model} field echoes the request's. Error replies are JSON either way.
 */
public final class AnthropicReply {

    enum Kind { MESSAGE, ERROR, HANG, DISCONNECT_BEFORE_BODY }

    /** An error as the API reports it; {@code afterEvents} is where a stream breaks off, or -1 for "before". */
    record ApiError(int status, String type, String message, int afterEvents) {
    }

    private final Kind kind;
    private final Function<JsonNode, MessageScript> script;
    private final ApiError error;
    private final Delivery delivery;

    private AnthropicReply(Kind kind, Function<JsonNode, MessageScript> script, ApiError error, Delivery delivery) {
        this.kind = kind;
        this.script = script;
        this.error = error;
        this.delivery = delivery;
    }

    /** A message with one text block. */
    public static AnthropicReply text(String text) {
        return message(MessageScript.text(text));
    }

    /** A message with one {@code tool_use} block; {@code inputJson} must be a JSON object. */
    public static AnthropicReply toolUse(String toolName, String toolUseId, String inputJson) {
        return message(MessageScript.toolUse(toolName, toolUseId, inputJson));
    }

    /** A message with a signed thinking block followed by a text block. */
    public static AnthropicReply thinkingThenText(String thinking, String signature, String text) {
        return message(MessageScript.thinkingThenText(thinking, signature, text));
    }

    /** A message following any {@link MessageScript}. */
    public static AnthropicReply message(MessageScript script) {
        Objects.requireNonNull(script);
        return new AnthropicReply(Kind.MESSAGE, body -> script, null, Delivery.NORMAL);
    }

    /** The default reply: a text message quoting the request's last user text ({@code "Echo: ..."}). */
    public static AnthropicReply echo() {
        return new AnthropicReply(Kind.MESSAGE, EchoScript::forRequest, null, Delivery.NORMAL);
    }

    /**
     * An error response, body {@code {"type":"error","error":{"type":...,"message":...},"request_id":"req_..."}}.
     *
     * @param errorType e.g. {@code rate_limit_error}, {@code overloaded_error}, {@code invalid_request_error}
     */
    public static AnthropicReply error(int status, String errorType, String message) {
        ApiError error = new ApiError(status, Objects.requireNonNull(errorType), Objects.requireNonNull(message), -1);
        return new AnthropicReply(Kind.ERROR, null, error, Delivery.NORMAL);
    }

    /** 429 {@code rate_limit_error} with a {@code retry-after} header. */
    public static AnthropicReply rateLimited(int retryAfterSeconds) {
        return error(429, "rate_limit_error",
                "This request would exceed your organization's rate limit. Please try again later.")
                .withHeader("retry-after", Integer.toString(retryAfterSeconds));
    }

    /** 529 {@code overloaded_error}. */
    public static AnthropicReply overloaded() {
        return error(529, "overloaded_error", "Overloaded");
    }

    /** 500 {@code api_error}. */
    public static AnthropicReply serverError() {
        return error(500, "api_error", "Internal server error");
    }

    /**
     * The default echo message, but a stream breaks off after {@code eventsBefore} events with an {@code error}
     * event (then ends normally, as the API does). A non-streaming request gets the error as an HTTP response.
     */
    public static AnthropicReply streamThenError(int eventsBefore, String errorType, String message) {
        if (eventsBefore < 0) {
            throw new IllegalArgumentException("event count must not be negative");
        }
        ApiError error = new ApiError(AnthropicErrorTypes.statusOf(errorType), errorType, message, eventsBefore);
        return new AnthropicReply(Kind.MESSAGE, EchoScript::forRequest, error, Delivery.NORMAL);
    }

    /** Accepts the request and never answers, until the simulator closes or releases its hangs. */
    public static AnthropicReply hang() {
        return new AnthropicReply(Kind.HANG, null, null, Delivery.NORMAL);
    }

    /** Sends {@code 200} and the headers, then closes the connection without any body. */
    public static AnthropicReply disconnectBeforeBody() {
        return new AnthropicReply(Kind.DISCONNECT_BEFORE_BODY, null, null, Delivery.NORMAL);
    }

    /** This message reply with the given token counts. */
    public AnthropicReply withUsage(int input, int output, int cacheRead, int cacheWrite) {
        requireMessage("withUsage");
        TokenUsage usage = new TokenUsage(input, output, cacheRead, cacheWrite);
        return new AnthropicReply(kind, script.andThen(s -> s.withUsage(usage)), error, delivery);
    }

    /**
     * This reply, but a stream sends only its first {@code events} SSE events (a {@code ping} counts) and then closes
     * the connection abruptly: no {@code message_stop}, no chunked terminator. A non-streaming request gets half of
     * its declared body.
     */
    public AnthropicReply disconnectAfterEvents(int events) {
        requireMessage("disconnectAfterEvents");
        return new AnthropicReply(kind, script, error, delivery.withDisconnectAfter(events));
    }

    /** This reply with a pause before each streamed event after the first; every event is flushed on its own. */
    public AnthropicReply withDelayBetweenEvents(Duration delay) {
        return new AnthropicReply(kind, script, error, delivery.withDelay(delay));
    }

    /** This reply with an extra response header, e.g. {@code retry-after}. */
    public AnthropicReply withHeader(String name, String value) {
        return new AnthropicReply(kind, script, error, delivery.withHeader(name, value));
    }

    Kind kind() {
        return kind;
    }

    MessageScript scriptFor(JsonNode requestBody) {
        return script.apply(requestBody);
    }

    ApiError error() {
        return error;
    }

    Delivery delivery() {
        return delivery;
    }

    private void requireMessage(String method) {
        if (kind != Kind.MESSAGE) {
            throw new IllegalStateException(method + " applies to message replies only, not " + kind);
        }
    }
}
