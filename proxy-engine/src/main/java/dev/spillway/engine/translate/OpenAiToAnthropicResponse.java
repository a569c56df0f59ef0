package dev.spillway.engine.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.json.Json;
import java.io.IOException;

/**
 * An OpenAI Chat Completions answer ({@code chat.completion}) as an Anthropic Messages API {@code message}.
 *
 * <p>Decisions where the APIs differ:
 * <ul>
 *   <li>{@code reasoning_content} (DeepSeek, Groq, vLLM) and {@code reasoning} (OpenRouter) are dropped. Anthropic
 *       thinking blocks carry a signature that only Anthropic can make; an unsigned {@code thinking} block would be
 *       sent back by Claude Code on the next turn, and the reasoning is not part of the answer's meaning.</li>
 *   <li>Tool-call {@code arguments} that are empty become {@code {}}; arguments that are not a JSON object (a call
 *       cut off by {@code max_tokens}, a model that wrote invalid JSON) also become {@code {}}, which is what
 *       Anthropic itself reports for an unfinished tool input: Claude Code then answers the model with a validation
 *       error naming the missing parameters instead of failing the turn.</li>
 *   <li>OpenAI's {@code refusal} text (structured outputs) becomes a text block and {@code stop_reason: refusal}.</li>
 *   <li>{@code stop_sequence} is always {@code null}: OpenAI does not say which stop sequence matched.</li>
 * </ul>
 */
public final class OpenAiToAnthropicResponse {

    private OpenAiToAnthropicResponse() {
    }

    /**
     * @param chatCompletion the upstream's answer; only {@code choices[0]} is used (the request never asks for more)
     * @param model the model name the client asked for, echoed back as Anthropic does
     * @throws IllegalArgumentException if the answer has no {@code choices[0].message} (e.g. an error object that
     *     came with status 200), naming the upstream's error message when there is one
     */
    public static ObjectNode translate(JsonNode chatCompletion, String model) {
        JsonNode choice = chatCompletion.path("choices").path(0);
        JsonNode message = choice.path("message");
        if (!message.isObject()) {
            String upstreamError = chatCompletion.path("error").path("message").asText("");
            throw new IllegalArgumentException("the OpenAI-compatible answer has no choices[0].message"
                    + (upstreamError.isEmpty() ? "" : ": " + upstreamError));
        }
        ObjectNode out = Json.object();
        out.put("id", OpenAiResults.messageId(chatCompletion.path("id").textValue()));
        out.put("type", "message");
        out.put("role", "assistant");
        out.put("model", model);
        ArrayNode content = out.putArray("content");
        String text = OpenAiResults.text(message.get("content"));
        String refusal = OpenAiResults.text(message.get("refusal"));
        boolean refused = text.isEmpty() && !refusal.isEmpty();
        if (!text.isEmpty() || refused) {
            content.addObject().put("type", "text").put("text", refused ? refusal : text);
        }
        boolean hasToolUse = false;
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode function = call.path("function");
            ObjectNode block = content.addObject();
            block.put("type", "tool_use");
            String id = call.path("id").asText("");
            block.put("id", id.isEmpty() ? OpenAiResults.randomId("toolu_") : id);
            block.put("name", function.path("name").asText(""));
            block.set("input", input(function.get("arguments")));
            hasToolUse = true;
        }
        out.put("stop_reason",
                OpenAiResults.stopReason(choice.path("finish_reason").textValue(), hasToolUse, refused));
        out.putNull("stop_sequence");
        JsonNode usage = OpenAiResults.usageOf(chatCompletion);
        out.set("usage", OpenAiResults.usage(usage == null ? Json.object() : usage));
        return out;
    }

    /** The tool input for OpenAI's {@code arguments} string (some servers send the object itself). */
    static ObjectNode input(JsonNode arguments) {
        if (arguments instanceof ObjectNode object) {
            return object;
        }
        if (arguments != null && arguments.isTextual() && !arguments.textValue().isBlank()) {
            try {
                if (Json.MAPPER.readTree(arguments.textValue()) instanceof ObjectNode object) {
                    return object;
                }
            } catch (IOException e) {
                // not JSON: see the class comment
            }
        }
        return Json.object();
    }
}
