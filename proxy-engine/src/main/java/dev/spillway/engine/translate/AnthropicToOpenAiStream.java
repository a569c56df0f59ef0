package dev.spillway.engine.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.json.Json;
import dev.spillway.engine.upstream.OpenAiErrors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Re-writes one Anthropic Messages stream as an OpenAI Chat Completions stream, event by event. One instance per
 * stream; not thread-safe.
 *
 * <ul>
 *   <li>{@code message_start}: the first chunk, {@code delta: {"role":"assistant","content":""}};</li>
 *   <li>{@code text_delta}: {@code delta.content}; {@code thinking_delta}: {@code delta.reasoning_content};</li>
 *   <li>a {@code tool_use} block's start: {@code delta.tool_calls[{index, id, type, function{name, arguments:""}}]},
 *       its {@code input_json_delta}s: {@code delta.tool_calls[{index, function{arguments}}]}, where index counts the
 *       stream's tool calls from 0;</li>
 *   <li>{@code message_delta} with a stop reason: an empty delta with the {@code finish_reason};</li>
 *   <li>{@code error}: an OpenAI error chunk;</li>
 *   <li>everything else ({@code ping}, {@code signature_delta}, block stops, {@code message_stop}, redacted thinking,
 *       server tools, event types yet to come): nothing.</li>
 * </ul>
 * Usage is gathered along the way (input and cache counts from {@code message_start}, cumulative counts from
 * {@code message_delta}) for the usage chunk {@link #onEnd()} sends when the client asked for
 * {@code stream_options.include_usage}.
 */
public final class AnthropicToOpenAiStream implements StreamTranslator {

    private static final byte[] NOTHING = new byte[0];

    private final ChatCompletionChunks chunks;
    private final boolean includeUsage;
    private final AnthropicUsage usage = new AnthropicUsage();
    private final Map<Integer, Integer> toolCallIndexByBlock = new HashMap<>();
    private boolean finished;

    /**
     * @param model the model name the client asked for, repeated on every chunk
     * @param id the completion id, e.g. {@code chatcmpl-…}, repeated on every chunk
     * @param includeUsage the client's {@code stream_options.include_usage}
     */
    public AnthropicToOpenAiStream(String model, String id, boolean includeUsage) {
        this(model, id, includeUsage, Instant.now().getEpochSecond());
    }

    AnthropicToOpenAiStream(String model, String id, boolean includeUsage, long created) {
        this.chunks = new ChatCompletionChunks(id, created, model, includeUsage);
        this.includeUsage = includeUsage;
    }

    /** The OpenAI chunks (zero or more {@code data: {...}\n\n}) for one Anthropic event. */
    @Override
    public byte[] onEvent(SseEvent anthropicEvent) {
        JsonNode event;
        try {
            event = Json.MAPPER.readTree(anthropicEvent.data());
        } catch (IOException e) {
            return onError("server_error", "the upstream sent a stream event that is not JSON");
        }
        if (event == null || !event.isObject()) {
            return onError("server_error", "the upstream sent a stream event that is not a JSON object");
        }
        String type = event.path("type").asText(anthropicEvent.event() == null ? "" : anthropicEvent.event());
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        switch (type) {
            case "message_start" -> messageStart(event.path("message"), out);
            case "content_block_start" -> blockStart(event.path("index").asInt(), event.path("content_block"), out);
            case "content_block_delta" -> blockDelta(event.path("index").asInt(), event.path("delta"), out);
            case "message_delta" -> messageDelta(event, out);
            case "error" -> {
                JsonNode error = event.path("error");
                return onError(OpenAiErrors.typeForAnthropic(error.path("type").asText(null)),
                        error.path("message").asText("the upstream stream failed"));
            }
            default -> {
                return NOTHING; // ping, content_block_stop, message_stop, and event types yet to come
            }
        }
        return out.toByteArray();
    }

    /** What follows the last Anthropic event: the usage chunk if the client asked for it, then {@code [DONE]}. */
    @Override
    public byte[] onEnd() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        if (includeUsage) {
            chunks.usage(usage.toOpenAi(), out);
        }
        out.writeBytes(ChatCompletionChunks.DONE);
        return out.toByteArray();
    }

    /**
     * An OpenAI error chunk, {@code data: {"error":{"message","type","param":null,"code":null}}}, for a stream that
     * fails after it has started.
     *
     * @param type an OpenAI error type, e.g. {@code server_error}
     */
    public byte[] onError(String type, String message) {
        return OpenAiErrors.streamEvent(type, message);
    }

    private void messageStart(JsonNode message, ByteArrayOutputStream out) {
        usage.absorb(message.get("usage"));
        ObjectNode delta = Json.object();
        delta.put("role", "assistant");
        delta.put("content", "");
        chunks.delta(delta, out);
    }

    private void blockStart(int blockIndex, JsonNode block, ByteArrayOutputStream out) {
        switch (block.path("type").asText()) {
            case "text" -> content("content", block.path("text").asText(""), out);
            case "thinking" -> content("reasoning_content", block.path("thinking").asText(""), out);
            case "tool_use" -> {
                int toolCallIndex = toolCallIndexByBlock.size();
                toolCallIndexByBlock.put(blockIndex, toolCallIndex);
                JsonNode input = block.get("input");
                boolean inputGiven = input != null && input.isObject() && !input.isEmpty();
                ObjectNode delta = Json.object();
                ObjectNode call = toolCall(delta, toolCallIndex);
                call.put("id", block.path("id").asText());
                call.put("type", "function");
                ObjectNode function = call.putObject("function");
                function.put("name", block.path("name").asText());
                function.put("arguments", inputGiven ? AnthropicToOpenAiResponse.compactJson(input) : "");
                chunks.delta(delta, out);
            }
            default -> {
                // redacted_thinking, server_tool_use, web_search_tool_result, ...: nothing an OpenAI client reads
            }
        }
    }

    private void blockDelta(int blockIndex, JsonNode delta, ByteArrayOutputStream out) {
        switch (delta.path("type").asText()) {
            case "text_delta" -> content("content", delta.path("text").asText(""), out);
            case "thinking_delta" -> content("reasoning_content", delta.path("thinking").asText(""), out);
            case "input_json_delta" -> {
                Integer toolCallIndex = toolCallIndexByBlock.get(blockIndex);
                String partial = delta.path("partial_json").asText("");
                if (toolCallIndex != null && !partial.isEmpty()) {
                    ObjectNode chunkDelta = Json.object();
                    toolCall(chunkDelta, toolCallIndex).putObject("function").put("arguments", partial);
                    chunks.delta(chunkDelta, out);
                }
            }
            default -> {
                // signature_delta, citations_delta, ...
            }
        }
    }

    private void messageDelta(JsonNode event, ByteArrayOutputStream out) {
        usage.absorb(event.get("usage"));
        String finishReason = FinishReasons.fromAnthropic(event.path("delta").path("stop_reason").asText(null));
        if (finishReason != null && !finished) {
            finished = true;
            chunks.finish(finishReason, out);
        }
    }

    private void content(String field, String text, ByteArrayOutputStream out) {
        if (!text.isEmpty()) {
            ObjectNode delta = Json.object();
            delta.put(field, text);
            chunks.delta(delta, out);
        }
    }

    /** The one entry of {@code delta.tool_calls}, with its index. */
    private static ObjectNode toolCall(ObjectNode delta, int toolCallIndex) {
        ObjectNode call = delta.putArray("tool_calls").addObject();
        call.put("index", toolCallIndex);
        return call;
    }
}
