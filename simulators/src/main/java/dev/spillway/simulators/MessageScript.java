package dev.spillway.simulators;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An immutable script of one assistant message, rendered either as a complete Messages API message or as the
 * sequence of Anthropic streaming events that produces it.
 *
 * <p>Both simulators render replies through this class: the Anthropic simulator sends the events as SSE (adding a
 * {@code ping}), the Bedrock simulator wraps them in event-stream chunk frames. Tests can call
 * {@link #toEvents(String, String)} to build the events a relaying proxy is expected to pass through.
 *
 * <p>Unless {@link #withUsage(TokenUsage)} says otherwise, usage is 25 input tokens, no cache activity, and one
 * output token per four characters of output.
 */
public final class MessageScript {

    private static final int DEFAULT_INPUT_TOKENS = 25;

    private final List<ScriptedBlock> blocks;
    private final TokenUsage usage;

    private MessageScript(List<ScriptedBlock> blocks, TokenUsage usage) {
        this.blocks = List.copyOf(blocks);
        this.usage = usage != null ? usage : estimatedUsage(this.blocks);
    }

    /** A message with one text block; stop reason {@code end_turn}. */
    public static MessageScript text(String text) {
        return new MessageScript(List.of(new ScriptedBlock.Text(Objects.requireNonNull(text))), null);
    }

    /**
     * A message with one {@code tool_use} block; stop reason {@code tool_use}.
     *
     * @param inputJson the tool input, a JSON object, streamed as {@code input_json_delta} pieces
     * @throws IllegalArgumentException if {@code inputJson} is not a JSON object
     */
    public static MessageScript toolUse(String toolName, String toolUseId, String inputJson) {
        return new MessageScript(List.of(new ScriptedBlock.ToolUse(toolUseId, toolName, inputJson)), null);
    }

    /** A message with a {@code thinking} block (ending in a {@code signature_delta}) followed by a text block. */
    public static MessageScript thinkingThenText(String thinking, String signature, String text) {
        return new MessageScript(
                List.of(new ScriptedBlock.Thinking(thinking, signature), new ScriptedBlock.Text(text)), null);
    }

    /** This script with the given token counts. */
    public MessageScript withUsage(TokenUsage usage) {
        return new MessageScript(blocks, Objects.requireNonNull(usage));
    }

    /** The token counts the rendered message reports. */
    public TokenUsage usage() {
        return usage;
    }

    /** {@code tool_use} when the message calls a tool, else {@code end_turn}. */
    public String stopReason() {
        return blocks.stream().anyMatch(ScriptedBlock.ToolUse.class::isInstance) ? "tool_use" : "end_turn";
    }

    /** The complete message, as a non-streaming {@code POST /v1/messages} returns it. A fresh object per call. */
    public ObjectNode toMessage(String messageId, String model) {
        ObjectNode message = messageHeader(messageId, model);
        ArrayNode content = message.putArray("content");
        blocks.forEach(block -> content.add(block.completeBlock()));
        message.put("stop_reason", stopReason());
        message.putNull("stop_sequence");
        message.set("usage", usage.toMessageUsage());
        return message;
    }

    /**
     * The streaming events, without any {@code ping}: {@code message_start}, then per block
     * {@code content_block_start}, its deltas and {@code content_block_stop}, then {@code message_delta} (stop reason
     * and cumulative output tokens) and {@code message_stop}. Fresh objects per call.
     */
    public List<ObjectNode> toEvents(String messageId, String model) {
        List<ObjectNode> events = new ArrayList<>();
        events.add(messageStart(messageId, model));
        for (int index = 0; index < blocks.size(); index++) {
            ScriptedBlock block = blocks.get(index);
            events.add(event("content_block_start", index).set("content_block", block.emptyBlock()));
            for (ObjectNode delta : block.deltas()) {
                events.add(event("content_block_delta", index).set("delta", delta));
            }
            events.add(event("content_block_stop", index));
        }
        events.add(messageDelta());
        events.add(Json.object().put("type", "message_stop"));
        return events;
    }

    private ObjectNode messageStart(String messageId, String model) {
        ObjectNode message = messageHeader(messageId, model);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.set("usage", usage.toStartUsage());
        ObjectNode event = Json.object().put("type", "message_start");
        event.set("message", message);
        return event;
    }

    private ObjectNode messageDelta() {
        ObjectNode event = Json.object().put("type", "message_delta");
        event.putObject("delta").put("stop_reason", stopReason()).putNull("stop_sequence");
        event.putObject("usage").put("output_tokens", usage.outputTokens());
        return event;
    }

    private static ObjectNode messageHeader(String messageId, String model) {
        return Json.object().put("id", messageId).put("type", "message").put("role", "assistant").put("model", model);
    }

    private static ObjectNode event(String type, int index) {
        return Json.object().put("type", type).put("index", index);
    }

    private static TokenUsage estimatedUsage(List<ScriptedBlock> blocks) {
        int outputChars = blocks.stream().mapToInt(ScriptedBlock::outputLength).sum();
        return new TokenUsage(DEFAULT_INPUT_TOKENS, Math.max(1, outputChars / 4), 0, 0);
    }
}
