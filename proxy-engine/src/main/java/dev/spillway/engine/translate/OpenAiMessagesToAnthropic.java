package dev.spillway.engine.translate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.spillway.engine.json.Json;
import dev.spillway.engine.translate.OpenAiContentParts.Allowed;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * OpenAI {@code messages} as Anthropic's top-level {@code system} and alternating {@code messages}:
 * <ul>
 *   <li>{@code system} and {@code developer} messages, wherever they stand, become the {@code system} prompt in
 *       their order: one string (joined with a blank line) when all are strings, else an array of text blocks;</li>
 *   <li>{@code tool} messages become {@code tool_result} blocks of a user message;</li>
 *   <li>assistant {@code tool_calls} become {@code tool_use} blocks after the assistant's text, ids and names
 *       unchanged, arguments parsed into {@code input};</li>
 *   <li>consecutive messages of one role are merged into one (Anthropic requires alternation); messages left with
 *       no content are dropped;</li>
 *   <li>{@code name} and a previous turn's {@code reasoning_content} are dropped (Claude cannot take unsigned
 *       reasoning back).</li>
 * </ul>
 */
final class OpenAiMessagesToAnthropic {

    /**
     * @param system the {@code system} value, or null when there is none
     * @param messages Anthropic messages
     */
    record Conversation(JsonNode system, ArrayNode messages) {

        /** Whether the last message returns tool results, i.e. the request continues an assistant turn. */
        boolean continuesToolUse() {
            JsonNode content = messages.get(messages.size() - 1).path("content");
            for (JsonNode block : content) {
                if (block.path("type").asText().equals("tool_result")) {
                    return true;
                }
            }
            return false;
        }
    }

    private final List<ObjectNode> systemBlocks = new ArrayList<>();
    private boolean systemAsBlocks;
    private final List<Turn> turns = new ArrayList<>();

    private record Turn(String role, List<ObjectNode> blocks) {
    }

    private OpenAiMessagesToAnthropic() {
    }

    static Conversation translate(JsonNode messages) {
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw new TranslationException("messages", "must be a non-empty array of messages");
        }
        OpenAiMessagesToAnthropic translation = new OpenAiMessagesToAnthropic();
        for (int i = 0; i < messages.size(); i++) {
            translation.add(messages.get(i), "messages[" + i + "]");
        }
        if (translation.turns.isEmpty()) {
            throw new TranslationException("messages", "needs at least one user message with content");
        }
        return new Conversation(translation.system(), translation.anthropicMessages());
    }

    private void add(JsonNode message, String path) {
        if (!message.isObject()) {
            throw new TranslationException(path, "must be a message object");
        }
        String role = message.path("role").asText("");
        String contentPath = path + ".content";
        switch (role) {
            case "system", "developer" -> addSystem(message.get("content"), contentPath);
            case "user" -> append("user", OpenAiContentParts.blocks(message.get("content"), contentPath,
                    Allowed.TEXT_AND_IMAGES));
            case "assistant" -> append("assistant", assistant(message, path));
            case "tool" -> append("user", List.of(toolResult(message, path)));
            case "function" -> throw new TranslationException(path + ".role",
                    "the legacy 'function' role is not supported; send tool results as 'tool' messages");
            default -> throw new TranslationException(path + ".role",
                    "must be system, developer, user, assistant or tool");
        }
    }

    private void addSystem(JsonNode content, String path) {
        systemAsBlocks |= content != null && content.isArray();
        systemBlocks.addAll(OpenAiContentParts.blocks(content, path, Allowed.TEXT));
    }

    private JsonNode system() {
        if (systemBlocks.isEmpty()) {
            return null;
        }
        if (!systemAsBlocks) {
            return TextNode.valueOf(systemBlocks.stream().map(block -> block.get("text").asText())
                    .collect(Collectors.joining("\n\n")));
        }
        ArrayNode system = Json.MAPPER.createArrayNode();
        systemBlocks.forEach(system::add);
        return system;
    }

    private static List<ObjectNode> assistant(JsonNode message, String path) {
        rejectPresent(message, "audio", path, "assistant audio cannot be sent to Anthropic models");
        rejectPresent(message, "function_call", path,
                "the legacy function_call is not supported; send tool_calls instead");
        List<ObjectNode> blocks = OpenAiContentParts.blocks(message.get("content"), path + ".content",
                Allowed.TEXT_AND_REFUSALS);
        JsonNode refusal = message.get("refusal");
        if (refusal != null && refusal.isTextual() && !refusal.asText().isEmpty()) {
            blocks.add(OpenAiContentParts.text(refusal.asText()));
        }
        JsonNode toolCalls = message.get("tool_calls");
        if (toolCalls == null || toolCalls.isNull()) {
            return blocks;
        }
        if (!toolCalls.isArray()) {
            throw new TranslationException(path + ".tool_calls", "must be an array");
        }
        for (int j = 0; j < toolCalls.size(); j++) {
            blocks.add(toolUse(toolCalls.get(j), path + ".tool_calls[" + j + "]"));
        }
        return blocks;
    }

    private static ObjectNode toolUse(JsonNode call, String path) {
        String type = call.path("type").asText("function");
        if (!type.equals("function")) {
            throw new TranslationException(path + ".type", "only function tool calls are supported");
        }
        String id = requiredText(call.get("id"), path + ".id");
        JsonNode function = call.path("function");
        String name = requiredText(function.get("name"), path + ".function.name");
        ObjectNode block = Json.object();
        block.put("type", "tool_use");
        block.put("id", id);
        block.put("name", name);
        block.set("input", arguments(function.get("arguments"), path + ".function.arguments"));
        return block;
    }

    /** {@code function.arguments}, a JSON object in a string, as the tool's {@code input} object. */
    private static JsonNode arguments(JsonNode arguments, String path) {
        if (arguments == null || arguments.isNull()) {
            return Json.object();
        }
        if (arguments.isObject()) {
            return arguments.deepCopy();
        }
        if (!arguments.isTextual()) {
            throw new TranslationException(path, "must be a string holding a JSON object");
        }
        if (arguments.asText().isBlank()) {
            return Json.object();
        }
        JsonNode input;
        try {
            input = Json.MAPPER.readTree(arguments.asText());
        } catch (JsonProcessingException e) {
            throw new TranslationException(path, "is not valid JSON: " + e.getOriginalMessage());
        }
        if (input == null || !input.isObject()) {
            throw new TranslationException(path, "must be a JSON object");
        }
        return input;
    }

    private static ObjectNode toolResult(JsonNode message, String path) {
        ObjectNode block = Json.object();
        block.put("type", "tool_result");
        block.put("tool_use_id", requiredText(message.get("tool_call_id"), path + ".tool_call_id"));
        JsonNode content = message.get("content");
        if (content != null && content.isTextual()) {
            block.put("content", content.asText());
        } else {
            List<ObjectNode> blocks = OpenAiContentParts.blocks(content, path + ".content", Allowed.TEXT);
            if (!blocks.isEmpty()) {
                block.putArray("content").addAll(blocks);
            }
        }
        return block;
    }

    private void append(String role, List<ObjectNode> blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        Turn last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
        if (last != null && last.role().equals(role)) {
            last.blocks().addAll(blocks);
        } else {
            turns.add(new Turn(role, new ArrayList<>(blocks)));
        }
    }

    /** The turns as Anthropic messages; a lone plain text block is sent as a string. */
    private ArrayNode anthropicMessages() {
        ArrayNode messages = Json.MAPPER.createArrayNode();
        for (Turn turn : turns) {
            ObjectNode message = messages.addObject();
            message.put("role", turn.role());
            ObjectNode only = turn.blocks().size() == 1 ? turn.blocks().get(0) : null;
            if (only != null && only.size() == 2 && only.path("type").asText().equals("text")) {
                message.put("content", only.get("text").asText());
            } else {
                message.putArray("content").addAll(turn.blocks());
            }
        }
        return messages;
    }

    private static void rejectPresent(JsonNode message, String field, String path, String why) {
        JsonNode value = message.get(field);
        if (value != null && !value.isNull()) {
            throw new TranslationException(path + "." + field, why);
        }
    }

    private static String requiredText(JsonNode node, String path) {
        if (node == null || !node.isTextual() || node.asText().isEmpty()) {
            throw new TranslationException(path, "is required and must be a non-empty string");
        }
        return node.asText();
    }
}
