package dev.spillway.engine.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.json.Json;
import dev.spillway.engine.upstream.AnthropicErrors;
import java.io.IOException;
import java.util.Locale;
import java.util.TreeMap;

/**
 * One OpenAI Chat Completions stream ({@code chat.completion.chunk} events) re-written, chunk by chunk, as an
 * Anthropic Messages stream: {@code message_start}, then each content block as {@code content_block_start}, its
 * deltas and {@code content_block_stop} (never two blocks open at once), then {@code message_delta} and
 * {@code message_stop}. One instance per stream; not thread-safe.
 *
 * <p>How OpenAI's stream maps onto Anthropic's blocks:
 * <ul>
 *   <li>{@code delta.content} goes to a {@code text} block, streamed live.</li>
 *   <li>Each tool-call {@code index} becomes one {@code tool_use} block, opened when its first delta (with id and
 *       name) arrives; argument fragments become {@code input_json_delta}s. Anthropic blocks cannot interleave, but
 *       a few providers interleave the fragments of parallel calls. So a call that starts while another one's
 *       arguments are still an unfinished JSON object is held back, and opened (its held fragments sent as one
 *       delta, the rest live) as soon as the open call's JSON closes; OpenAI itself sends calls one after the other,
 *       so every call streams live there. Calls whose whole arguments arrive in one chunk work the same way.</li>
 *   <li>Text that comes after tool calls started is held and sent as a last text block, unless it is only
 *       whitespace (some servers send {@code "\n\n"} beside tool calls), so it cannot split a call's block.</li>
 *   <li>{@code reasoning_content} / {@code reasoning} deltas are dropped, as in {@link OpenAiToAnthropicResponse}:
 *       a thinking block without Anthropic's signature would come back on the next turn.</li>
 *   <li>Blocks close when {@code finish_reason} arrives; {@code message_delta} waits for {@link #onEnd()}, because
 *       the usage chunk ({@code stream_options.include_usage}) comes after the finish reason, with empty
 *       {@code choices}. Input token counts are therefore only known at the end: {@code message_start} says 0 and
 *       {@code message_delta} carries the real counts (Anthropic's usage there is cumulative).</li>
 *   <li>An {@code error} object in a chunk (OpenRouter reports mid-stream failures so) or a chunk that is not JSON
 *       ends the stream with an Anthropic {@code error} event.</li>
 * </ul>
 */
public final class OpenAiToAnthropicStream implements StreamTranslator {

    private static final byte[] NOTHING = new byte[0];

    private final String model;
    private final String messageId;
    /** The calls by OpenAI {@code index}, in index order. */
    private final TreeMap<Integer, ToolCall> toolCalls = new TreeMap<>();
    private final StringBuilder textAfterTools = new StringBuilder();
    private ToolCall lastToolCall;
    private ToolCall openToolCall;
    private int openTextBlock = -1;
    private int nextBlock;
    private boolean started;
    private boolean contentDone;
    private boolean ended;
    private boolean refused;
    private String finishReason;
    private JsonNode usage;

    /**
     * @param model the model name the client asked for, echoed in {@code message_start}
     * @param messageId the Anthropic message id to report, e.g. {@code "msg_" + upstream id}
     */
    public OpenAiToAnthropicStream(String model, String messageId) {
        this.model = model;
        this.messageId = messageId;
    }

    /** The Anthropic events for one OpenAI chunk; nothing for {@code [DONE]} (the end comes from {@link #onEnd()}). */
    @Override
    public byte[] onEvent(SseEvent openAiChunk) {
        String data = openAiChunk.data() == null ? "" : openAiChunk.data().strip();
        if (ended || data.isEmpty() || data.equals("[DONE]")) {
            return NOTHING;
        }
        JsonNode chunk;
        try {
            chunk = Json.MAPPER.readTree(data);
        } catch (IOException e) {
            return onError("api_error", "the upstream sent a stream chunk that is not JSON");
        }
        JsonNode error = chunk.get("error");
        if (error != null && error.isObject()) {
            return onError(error.path("type").asText(error.path("code").asText("")),
                    error.path("message").asText("the upstream failed mid-stream"));
        }
        AnthropicSseWriter out = new AnthropicSseWriter();
        start(out);
        JsonNode chunkUsage = OpenAiResults.usageOf(chunk);
        if (chunkUsage != null) {
            usage = chunkUsage;
        }
        for (JsonNode choice : chunk.path("choices")) {
            if (choice.path("index").asInt(0) != 0) {
                continue; // the request never asks for n > 1
            }
            if (!contentDone) {
                delta(choice.path("delta"), out);
            }
            String reason = choice.path("finish_reason").textValue();
            if (reason != null) {
                finishReason = reason;
                finishContent(out);
            }
        }
        return out.bytes();
    }

    /** Closes what is still open, then {@code message_delta} (stop reason, usage) and {@code message_stop}. */
    @Override
    public byte[] onEnd() {
        if (ended) {
            return NOTHING;
        }
        ended = true;
        AnthropicSseWriter out = new AnthropicSseWriter();
        start(out);
        finishContent(out);
        ObjectNode messageDelta = Json.object().put("type", "message_delta");
        messageDelta.putObject("delta")
                .put("stop_reason", OpenAiResults.stopReason(finishReason, !toolCalls.isEmpty(), refused))
                .putNull("stop_sequence");
        if (usage != null) {
            messageDelta.set("usage", OpenAiResults.usage(usage));
        } else {
            messageDelta.putObject("usage").put("output_tokens", 0);
        }
        out.event(messageDelta);
        out.event(Json.object().put("type", "message_stop"));
        return out.bytes();
    }

    /**
     * An Anthropic {@code error} event that ends the stream; later calls return nothing.
     *
     * @param type the upstream's error type or code: rate limits ({@code rate_limit_exceeded}, 429, ...) become
     *     {@code rate_limit_error}, overload {@code overloaded_error}, anything else {@code api_error}
     */
    public byte[] onError(String type, String message) {
        if (ended) {
            return NOTHING;
        }
        ended = true;
        return AnthropicErrors.streamEvent(errorType(type), message);
    }

    static String errorType(String type) {
        String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
        if (t.contains("rate_limit") || t.contains("rate limit") || t.contains("ratelimit") || t.equals("429")
                || t.contains("too_many_requests")) {
            return "rate_limit_error";
        }
        if (t.contains("overloaded") || t.equals("529")) {
            return "overloaded_error";
        }
        return "api_error";
    }

    private void start(AnthropicSseWriter out) {
        if (started) {
            return;
        }
        started = true;
        ObjectNode event = Json.object().put("type", "message_start");
        ObjectNode message = event.putObject("message");
        message.put("id", messageId);
        message.put("type", "message");
        message.put("role", "assistant");
        message.putArray("content");
        message.put("model", model);
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.putObject("usage")
                .put("input_tokens", 0)
                .put("cache_creation_input_tokens", 0)
                .put("cache_read_input_tokens", 0)
                .put("output_tokens", 0);
        out.event(event);
    }

    private void delta(JsonNode delta, AnthropicSseWriter out) {
        String text = OpenAiResults.text(delta.get("content"));
        String refusal = OpenAiResults.text(delta.get("refusal"));
        if (!refusal.isEmpty()) {
            refused = true;
            text += refusal;
        }
        text(text, out);
        for (JsonNode call : delta.path("tool_calls")) {
            toolCall(call, out);
        }
    }

    private void text(String text, AnthropicSseWriter out) {
        if (text.isEmpty()) {
            return;
        }
        if (!toolCalls.isEmpty()) {
            textAfterTools.append(text);
            return;
        }
        if (openTextBlock < 0) {
            openTextBlock(out);
        }
        textDelta(text, out);
    }

    private void openTextBlock(AnthropicSseWriter out) {
        openTextBlock = nextBlock++;
        ObjectNode start = blockEvent("content_block_start", openTextBlock);
        start.putObject("content_block").put("type", "text").put("text", "");
        out.event(start);
    }

    private void textDelta(String text, AnthropicSseWriter out) {
        ObjectNode delta = blockEvent("content_block_delta", openTextBlock);
        delta.putObject("delta").put("type", "text_delta").put("text", text);
        out.event(delta);
    }

    private void toolCall(JsonNode delta, AnthropicSseWriter out) {
        ToolCall call = toolCallFor(delta);
        String id = delta.path("id").textValue();
        if (call.id == null && id != null && !id.isEmpty()) {
            call.id = id;
        }
        JsonNode function = delta.path("function");
        String name = function.path("name").textValue();
        if (call.name == null && name != null && !name.isEmpty()) {
            call.name = name;
        }
        JsonNode argumentsNode = function.get("arguments");
        String arguments = argumentsNode == null || argumentsNode.isNull() ? ""
                : argumentsNode.isTextual() ? argumentsNode.textValue() : argumentsNode.toString();
        // A closed call only gets here with text after its JSON closed, which no valid call has: dropped.
        if (!arguments.isEmpty() && !call.closed) {
            call.json.feed(arguments);
            if (call == openToolCall) {
                out.event(inputJsonDelta(call, arguments));
            } else {
                call.held.append(arguments);
            }
        }
        openNextToolCalls(out);
    }

    /** The call a delta belongs to: by {@code index}; by {@code id} or else the last call for servers without it. */
    private ToolCall toolCallFor(JsonNode delta) {
        JsonNode index = delta.get("index");
        ToolCall call;
        if (index != null && index.canConvertToInt()) {
            call = toolCalls.computeIfAbsent(index.intValue(), i -> new ToolCall());
        } else {
            String id = delta.path("id").textValue();
            call = id == null || id.isEmpty() ? lastToolCall : byId(id);
            if (call == null) {
                call = new ToolCall();
                toolCalls.put(toolCalls.isEmpty() ? 0 : toolCalls.lastKey() + 1, call);
            }
        }
        lastToolCall = call;
        return call;
    }

    private ToolCall byId(String id) {
        for (ToolCall call : toolCalls.values()) {
            if (id.equals(call.id)) {
                return call;
            }
        }
        return null;
    }

    /** Opens held calls, in index order, whenever the open one's arguments are complete (or none is open). */
    private void openNextToolCalls(AnthropicSseWriter out) {
        while (true) {
            ToolCall next = firstHeld();
            if (next == null || next.name == null) {
                return;
            }
            if (openToolCall != null) {
                if (!openToolCall.json.isComplete()) {
                    return;
                }
                closeToolCall(out);
            }
            closeText(out);
            openToolCall(next, out);
        }
    }

    private ToolCall firstHeld() {
        for (ToolCall call : toolCalls.values()) {
            if (call.block < 0) {
                return call;
            }
        }
        return null;
    }

    private void openToolCall(ToolCall call, AnthropicSseWriter out) {
        call.block = nextBlock++;
        if (call.id == null) {
            call.id = OpenAiResults.randomId("toolu_");
        }
        ObjectNode start = blockEvent("content_block_start", call.block);
        ObjectNode block = start.putObject("content_block");
        block.put("type", "tool_use").put("id", call.id).put("name", call.name == null ? "" : call.name);
        block.putObject("input");
        out.event(start);
        if (call.held.length() > 0) {
            out.event(inputJsonDelta(call, call.held.toString()));
            call.held.setLength(0);
        }
        openToolCall = call;
    }

    /**
     * Closes the open call's block. A call that got no argument text at all (a tool without parameters, on servers
     * that send {@code ""}) gets {@code {}}: Anthropic's SDKs refuse a tool_use block without any input delta.
     */
    private void closeToolCall(AnthropicSseWriter out) {
        if (!openToolCall.sentInput) {
            out.event(inputJsonDelta(openToolCall, "{}"));
        }
        out.event(blockEvent("content_block_stop", openToolCall.block));
        openToolCall.closed = true;
        openToolCall = null;
    }

    private void closeText(AnthropicSseWriter out) {
        if (openTextBlock >= 0) {
            out.event(blockEvent("content_block_stop", openTextBlock));
            openTextBlock = -1;
        }
    }

    /** At the finish reason (or the end): closes the open block, sends held calls and text, each as a whole block. */
    private void finishContent(AnthropicSseWriter out) {
        if (contentDone) {
            return;
        }
        contentDone = true;
        closeText(out);
        if (openToolCall != null) {
            closeToolCall(out);
        }
        for (ToolCall call : toolCalls.values()) {
            if (call.block < 0) {
                openToolCall(call, out);
                closeToolCall(out);
            }
        }
        if (!textAfterTools.toString().isBlank()) {
            openTextBlock(out);
            textDelta(textAfterTools.toString(), out);
            closeText(out);
        }
    }

    private static ObjectNode blockEvent(String type, int index) {
        return Json.object().put("type", type).put("index", index);
    }

    private static ObjectNode inputJsonDelta(ToolCall call, String partialJson) {
        call.sentInput = true;
        ObjectNode event = blockEvent("content_block_delta", call.block);
        event.putObject("delta").put("type", "input_json_delta").put("partial_json", partialJson);
        return event;
    }

    /** One OpenAI tool call on its way to becoming a {@code tool_use} block. */
    private static final class ToolCall {
        String id;
        String name;
        /** Argument fragments not yet sent, while the call waits for its block. */
        final StringBuilder held = new StringBuilder();
        final JsonCompletion json = new JsonCompletion();
        /** The Anthropic block index, -1 while held. */
        int block = -1;
        boolean sentInput;
        boolean closed;
    }
}
