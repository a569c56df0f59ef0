package dev.spillway.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One scripted answer of the {@link OpenAiSimulator} to a chat completions or legacy completions request.
 * Immutable; the {@code with...} methods return modified copies.
 *
 * <p>A completion reply renders as {@code data:} chunks of Server-Sent Events ending in {@code data: [DONE]} when the
 * request body says {@code "stream": true}, and as one JSON object otherwise; its {@code model} field echoes the
 * request's. Error replies are JSON either way. A legacy {@code /v1/completions} request gets only the reply's text.
 */
public final class OpenAiReply {

    /**
     * One function call the assistant makes.
     *
     * @param id the call id; {@code null} generates one ({@code call_...})
     * @param name the function name
     * @param argumentsJson the arguments, sent verbatim as the string OpenAI sends; malformed JSON is allowed, since
     *     models do produce it
     */
    public record ToolCall(String id, String name, String argumentsJson) {

        /** Generates a missing id and rejects a missing name or arguments. */
        public ToolCall {
            id = id != null ? id : Ids.toolCallId();
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(argumentsJson, "argumentsJson");
        }
    }

    enum Kind { COMPLETION, ERROR, HANG }

    private final Kind kind;
    private final Function<JsonNode, OpenAiScript> script;
    private final OpenAiError error;
    private final int errorAfterChunks;
    private final Delivery delivery;

    private OpenAiReply(Kind kind, Function<JsonNode, OpenAiScript> script, OpenAiError error, int errorAfterChunks,
            Delivery delivery) {
        this.kind = kind;
        this.script = script;
        this.error = error;
        this.errorAfterChunks = errorAfterChunks;
        this.delivery = delivery;
    }

    /** An assistant message with {@code text} as its content; finish reason {@code stop}. */
    public static OpenAiReply text(String text) {
        return completion(OpenAiScript.text(text));
    }

    /**
     * An assistant message whose content is {@code null} and that calls the given tools, several of them in
     * parallel; finish reason {@code tool_calls}.
     */
    public static OpenAiReply toolCalls(ToolCall... calls) {
        return completion(OpenAiScript.toolCalls(null, List.of(calls)));
    }

    /** An assistant message with {@code text} as its content that then calls the given tools. */
    public static OpenAiReply textThenToolCalls(String text, ToolCall... calls) {
        return completion(OpenAiScript.toolCalls(Objects.requireNonNull(text), List.of(calls)));
    }

    /** DeepSeek-style reasoning: {@code reasoning_content} (streamed first), then {@code text} as the content. */
    public static OpenAiReply reasoningThenText(String reasoning, String text) {
        return completion(OpenAiScript.reasoningThenText(reasoning, text));
    }

    /**
     * The default reply: {@code "Echo: <last user text>"} for a chat request, {@code "Echo: <prompt>"} for a legacy
     * completions request, or a greeting when there is nothing to quote.
     */
    public static OpenAiReply echo() {
        return new OpenAiReply(Kind.COMPLETION, OpenAiScript::echo, null, -1, Delivery.NORMAL);
    }

    /**
     * An error response with {@code status} and body
     * {@code {"error":{"message":...,"type":...,"param":null,"code":...}}}.
     *
     * @param type e.g. {@code invalid_request_error}, {@code server_error}; {@code null} is sent as JSON null
     * @param code e.g. {@code rate_limit_exceeded}; {@code null} is sent as JSON null
     */
    public static OpenAiReply error(int status, String type, String code, String message) {
        return error(new OpenAiError(status, type, code, null, message));
    }

    /**
     * 429 {@code rate_limit_exceeded} of type {@code requests}, worded as OpenAI words it, with {@code retry-after}
     * and {@code x-ratelimit-remaining-requests: 0}.
     */
    public static OpenAiReply rateLimited(int retryAfterSeconds) {
        return error(429, "requests", "rate_limit_exceeded", "Rate limit reached for requests in organization"
                + " org-spillway on requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again in "
                + retryAfterSeconds + "s. Visit https://platform.openai.com/account/rate-limits to learn more.")
                .withHeader("retry-after", Integer.toString(retryAfterSeconds))
                .withHeader("x-ratelimit-remaining-requests", "0");
    }

    /** 400 {@code context_length_exceeded} on param {@code messages}: "This model's maximum context length is ...". */
    public static OpenAiReply contextLengthExceeded() {
        return error(new OpenAiError(400, "invalid_request_error", "context_length_exceeded", "messages",
                "This model's maximum context length is 128000 tokens. However, your messages resulted in 131072"
                        + " tokens. Please reduce the length of the messages."));
    }

    /**
     * 400 {@code content_filter} on param {@code prompt}, as Azure OpenAI and compatible gateways report a filtered
     * prompt (with {@code "type":null}, as they send it).
     */
    public static OpenAiReply contentFiltered() {
        return error(new OpenAiError(400, null, "content_filter", "prompt", "The response was filtered due to the"
                + " prompt triggering Azure OpenAI's content management policy. Please modify your prompt and"
                + " retry."));
    }

    /** 500 {@code server_error}, worded as OpenAI words it. */
    public static OpenAiReply serverError() {
        return error(500, "server_error", null,
                "The server had an error while processing your request. Sorry about that!");
    }

    /**
     * The default echo, but a stream breaks off after {@code chunksBefore} chunks with an error chunk
     * {@code data: {"error":{...}}} and then ends without {@code [DONE]}, as OpenAI-compatible servers report a
     * failure mid-stream. A non-streaming request gets the error as a 500 response.
     */
    public static OpenAiReply streamThenError(int chunksBefore, String type, String code, String message) {
        if (chunksBefore < 0) {
            throw new IllegalArgumentException("chunk count must not be negative");
        }
        OpenAiError error = new OpenAiError(500, type, code, null, message);
        return new OpenAiReply(Kind.COMPLETION, OpenAiScript::echo, error, chunksBefore, Delivery.NORMAL);
    }

    /** Accepts the request and never answers, until the simulator closes or releases its hangs. */
    public static OpenAiReply hang() {
        return new OpenAiReply(Kind.HANG, null, null, -1, Delivery.NORMAL);
    }

    /**
     * This completion reply with the given token counts.
     *
     * @param cachedPrompt the part of {@code prompt} served from the prompt cache; at most {@code prompt}
     */
    public OpenAiReply withUsage(int prompt, int completion, int cachedPrompt) {
        requireCompletion("withUsage");
        OpenAiUsage usage = new OpenAiUsage(prompt, completion, cachedPrompt);
        return new OpenAiReply(kind, script.andThen(s -> s.withUsage(usage)), error, errorAfterChunks, delivery);
    }

    /** This completion reply with another {@code finish_reason}, e.g. {@code length} or {@code content_filter}. */
    public OpenAiReply withFinishReason(String finishReason) {
        requireCompletion("withFinishReason");
        Objects.requireNonNull(finishReason);
        return new OpenAiReply(kind, script.andThen(s -> s.withFinishReason(finishReason)), error, errorAfterChunks,
                delivery);
    }

    /**
     * This reply, but a stream sends only its first {@code chunks} {@code data:} lines ({@code [DONE]} counts) and
     * then closes the connection abruptly, without the chunked terminator. A non-streaming request gets half of its
     * declared body.
     */
    public OpenAiReply disconnectAfterChunks(int chunks) {
        requireCompletion("disconnectAfterChunks");
        return new OpenAiReply(kind, script, error, errorAfterChunks, delivery.withDisconnectAfter(chunks));
    }

    /** This reply with a pause before each streamed chunk after the first; every chunk is flushed on its own. */
    public OpenAiReply withDelayBetweenChunks(Duration delay) {
        return new OpenAiReply(kind, script, error, errorAfterChunks, delivery.withDelay(delay));
    }

    /** This reply with an extra response header, replacing a standard one of the same name. */
    public OpenAiReply withHeader(String name, String value) {
        return new OpenAiReply(kind, script, error, errorAfterChunks, delivery.withHeader(name, value));
    }

    Kind kind() {
        return kind;
    }

    OpenAiScript scriptFor(JsonNode requestBody) {
        return script.apply(requestBody);
    }

    /** The error of an ERROR reply, or the mid-stream error of a COMPLETION reply; else {@code null}. */
    OpenAiError error() {
        return error;
    }

    /** How many chunks precede the mid-stream error. */
    int errorAfterChunks() {
        return errorAfterChunks;
    }

    Delivery delivery() {
        return delivery;
    }

    private static OpenAiReply completion(OpenAiScript script) {
        return new OpenAiReply(Kind.COMPLETION, body -> script, null, -1, Delivery.NORMAL);
    }

    private static OpenAiReply error(OpenAiError error) {
        return new OpenAiReply(Kind.ERROR, null, error, -1, Delivery.NORMAL);
    }

    private void requireCompletion(String method) {
        if (kind != Kind.COMPLETION) {
            throw new IllegalStateException(method + " applies to completion replies only, not " + kind);
        }
    }
}
