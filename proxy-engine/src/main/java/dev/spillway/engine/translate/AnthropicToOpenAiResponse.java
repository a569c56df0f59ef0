package dev.spillway.engine.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Re-writes an Anthropic Messages response as an OpenAI {@code chat.completion}: text blocks become
 * {@code message.content}, {@code tool_use} blocks {@code message.tool_calls} (ids and names unchanged, input as a
 * JSON string), thinking blocks {@code message.reasoning_content} (the DeepSeek / OpenRouter convention), the stop
 * reason a {@code finish_reason}, and usage OpenAI's usage with cache reads as cached prompt tokens.
 */
public final class AnthropicToOpenAiResponse {

    private AnthropicToOpenAiResponse() {
    }

    /**
     * @param anthropicMessage an Anthropic {@code message} object
     * @param model the model name the client asked for
     * @param id the completion id, e.g. {@code chatcmpl-…}
     */
    public static ObjectNode translate(JsonNode anthropicMessage, String model, String id) {
        return translate(anthropicMessage, model, id, Instant.now().getEpochSecond());
    }

    static ObjectNode translate(JsonNode anthropicMessage, String model, String id, long created) {
        ObjectNode completion = Json.object();
        completion.put("id", id);
        completion.put("object", "chat.completion");
        completion.put("created", created);
        completion.put("model", model);
        ObjectNode choice = completion.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("message", message(anthropicMessage.path("content")));
        choice.putNull("logprobs");
        String stopReason = anthropicMessage.path("stop_reason").asText(null);
        choice.put("finish_reason", stopReason == null ? "stop" : FinishReasons.fromAnthropic(stopReason));
        completion.set("usage", AnthropicUsage.of(anthropicMessage.get("usage")).toOpenAi());
        return completion;
    }

    private static ObjectNode message(JsonNode content) {
        StringBuilder text = null;
        StringBuilder reasoning = null;
        ArrayNode toolCalls = null;
        for (JsonNode block : content) {
            switch (block.path("type").asText()) {
                case "text" -> text = append(text, block.path("text").asText(""));
                case "thinking" -> reasoning = append(reasoning, block.path("thinking").asText(""));
                case "tool_use" -> {
                    toolCalls = toolCalls == null ? Json.MAPPER.createArrayNode() : toolCalls;
                    ObjectNode call = toolCalls.addObject();
                    call.put("id", block.path("id").asText());
                    call.put("type", "function");
                    ObjectNode function = call.putObject("function");
                    function.put("name", block.path("name").asText());
                    JsonNode input = block.get("input");
                    function.put("arguments", input == null || input.isNull() ? "{}" : compactJson(input));
                }
                default -> {
                    // redacted_thinking, server tool blocks: nothing an OpenAI client can read
                }
            }
        }
        ObjectNode message = Json.object();
        message.put("role", "assistant");
        message.put("content", text == null ? null : text.toString());
        message.putNull("refusal");
        if (reasoning != null) {
            message.put("reasoning_content", reasoning.toString());
        }
        if (toolCalls != null) {
            message.set("tool_calls", toolCalls);
        }
        return message;
    }

    private static StringBuilder append(StringBuilder builder, String text) {
        return builder == null ? new StringBuilder(text) : builder.append(text);
    }

    /** A JSON value as compact JSON text, e.g. a tool input as OpenAI's {@code function.arguments} string. */
    static String compactJson(JsonNode value) {
        return new String(Json.bytes(value), StandardCharsets.UTF_8);
    }
}
