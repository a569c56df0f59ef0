package dev.spillway.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * One scripted answer of the {@link BedrockSimulator} to an {@code invoke} or {@code invoke-with-response-stream}
 * call. Immutable; the {@code with...} methods return modified copies.
 *
 * <p>A message reply is the Anthropic-native message JSON for {@code invoke} and the Anthropic events in event-stream
 * {@code chunk} frames (no {@code ping}, invocation metrics on {@code message_stop}) for the streaming call.
 */
public final class BedrockReply {

    enum Kind { MESSAGE, EXCEPTION, HANG, DISCONNECT_BEFORE_BODY }

    private final Kind kind;
    private final Function<JsonNode, MessageScript> script;
    private final AwsError error;
    private final int errorAfterEvents;
    private final Delivery delivery;

    private BedrockReply(Kind kind, Function<JsonNode, MessageScript> script, AwsError error, int errorAfterEvents,
            Delivery delivery) {
        this.kind = kind;
        this.script = script;
        this.error = error;
        this.errorAfterEvents = errorAfterEvents;
        this.delivery = delivery;
    }

    /** A message with one text block. */
    public static BedrockReply text(String text) {
        return message(MessageScript.text(text));
    }

    /** A message with one {@code tool_use} block; {@code inputJson} must be a JSON object. */
    public static BedrockReply toolUse(String toolName, String toolUseId, String inputJson) {
        return message(MessageScript.toolUse(toolName, toolUseId, inputJson));
    }

    /** A message with a signed thinking block followed by a text block. */
    public static BedrockReply thinkingThenText(String thinking, String signature, String text) {
        return message(MessageScript.thinkingThenText(thinking, signature, text));
    }

    /** A message following any {@link MessageScript}. */
    public static BedrockReply message(MessageScript script) {
        Objects.requireNonNull(script);
        return new BedrockReply(Kind.MESSAGE, body -> script, null, -1, Delivery.NORMAL);
    }

    /** The default reply: a text message quoting the request's last user text ({@code "Echo: ..."}). */
    public static BedrockReply echo() {
        return new BedrockReply(Kind.MESSAGE, EchoScript::forRequest, null, -1, Delivery.NORMAL);
    }

    /**
     * A modelled exception: the status, {@code x-amzn-ErrorType: <exceptionName>:...} and {@code {"message":...}}.
     *
     * @param exceptionName e.g. {@code ThrottlingException}, {@code ValidationException}
     */
    public static BedrockReply exception(int status, String exceptionName, String message) {
        AwsError error = AwsError.bedrock(status, Objects.requireNonNull(exceptionName), Objects.requireNonNull(message));
        return new BedrockReply(Kind.EXCEPTION, null, error, -1, Delivery.NORMAL);
    }

    /** 429 {@code ThrottlingException}, worded as Bedrock words it. */
    public static BedrockReply throttled() {
        return exception(429, "ThrottlingException", "Too many requests, please wait before trying again.");
    }

    /** 400 {@code ValidationException} with {@code message}. */
    public static BedrockReply validation(String message) {
        return exception(400, "ValidationException", message);
    }

    /** 403 {@code AccessDeniedException}. */
    public static BedrockReply accessDenied() {
        return exception(403, "AccessDeniedException", "You don't have access to the model with the specified model ID.");
    }

    /** 503 {@code ServiceUnavailableException}. */
    public static BedrockReply serviceUnavailable() {
        return exception(503, "ServiceUnavailableException", "Bedrock is unable to process your request.");
    }

    /**
     * The default echo message, but the stream stops after {@code eventsBefore} chunk frames with an exception frame
     * of type {@code exceptionType} (e.g. {@code throttlingException}, {@code modelStreamErrorException}). A
     * non-streaming {@code invoke} gets the same exception as an HTTP error instead.
     */
    public static BedrockReply streamThenException(int eventsBefore, String exceptionType, String message) {
        if (eventsBefore < 0) {
            throw new IllegalArgumentException("event count must not be negative");
        }
        return new BedrockReply(Kind.MESSAGE, EchoScript::forRequest,
                AwsError.fromStreamException(exceptionType, message), eventsBefore, Delivery.NORMAL);
    }

    /** Accepts the request and never answers, until the simulator closes or releases its hangs. */
    public static BedrockReply hang() {
        return new BedrockReply(Kind.HANG, null, null, -1, Delivery.NORMAL);
    }

    /** Sends {@code 200} and the headers, then closes the connection without any body. */
    public static BedrockReply disconnectBeforeBody() {
        return new BedrockReply(Kind.DISCONNECT_BEFORE_BODY, null, null, -1, Delivery.NORMAL);
    }

    /** This message reply with the given token counts (also reported in headers and invocation metrics). */
    public BedrockReply withUsage(int input, int output, int cacheRead, int cacheWrite) {
        requireMessage("withUsage");
        TokenUsage usage = new TokenUsage(input, output, cacheRead, cacheWrite);
        return new BedrockReply(kind, script.andThen(s -> s.withUsage(usage)), error, errorAfterEvents, delivery);
    }

    /**
     * This reply, but a stream sends only its first {@code events} frames and then closes the connection abruptly
     * (no chunked terminator). A non-streaming {@code invoke} gets half of its declared body.
     */
    public BedrockReply disconnectAfterEvents(int events) {
        requireMessage("disconnectAfterEvents");
        return new BedrockReply(kind, script, error, errorAfterEvents, delivery.withDisconnectAfter(events));
    }

    /** This reply with a pause before each frame after the first; every frame is flushed on its own. */
    public BedrockReply withDelayBetweenEvents(Duration delay) {
        return new BedrockReply(kind, script, error, errorAfterEvents, delivery.withDelay(delay));
    }

    /** This reply with an extra response header. */
    public BedrockReply withHeader(String name, String value) {
        return new BedrockReply(kind, script, error, errorAfterEvents, delivery.withHeader(name, value));
    }

    Kind kind() {
        return kind;
    }

    MessageScript scriptFor(JsonNode requestBody) {
        return script.apply(requestBody);
    }

    /** The exception of an EXCEPTION reply, or the in-stream exception of a MESSAGE reply; else {@code null}. */
    AwsError error() {
        return error;
    }

    /** How many chunk frames precede the in-stream exception. */
    int errorAfterEvents() {
        return errorAfterEvents;
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
