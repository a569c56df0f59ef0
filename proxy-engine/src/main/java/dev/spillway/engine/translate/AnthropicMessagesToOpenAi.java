package dev.spillway.engine.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Anthropic {@code system} and {@code messages} as OpenAI Chat Completions {@code messages}, for
 * {@link AnthropicToOpenAiRequest}. Ids and tool names pass unchanged; {@code cache_control} is dropped everywhere
 * (prompt-cache hints are optional, and OpenAI-compatible APIs cache prefixes on their own).
 */
final class AnthropicMessagesToOpenAi {

    /**
     * The first system block Claude Code sends (client version and fingerprint). api.anthropic.com strips it before
     * the model sees it, so it is not part of the prompt; sent to another model it would only cost tokens.
     */
    private static final String ATTRIBUTION_PREFIX = "x-anthropic-billing-header:";

    private AnthropicMessagesToOpenAi() {
    }

    /** {@code system} (a string or text blocks) as one leading {@code system} message, texts joined by a blank line. */
    static void system(JsonNode system, ArrayNode out) {
        if (system == null || system.isNull()) {
            return;
        }
        String text;
        if (system.isTextual()) {
            text = system.textValue();
        } else if (system.isArray()) {
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < system.size(); i++) {
                JsonNode block = system.get(i);
                if (!"text".equals(block.path("type").textValue()) || !block.path("text").isTextual()) {
                    throw new TranslationException("system[" + i + "]",
                            "system blocks must be text blocks to be sent to an OpenAI-compatible model");
                }
                String blockText = block.path("text").textValue();
                if (!(i == 0 && blockText.startsWith(ATTRIBUTION_PREFIX)) && !blockText.isEmpty()) {
                    texts.add(blockText);
                }
            }
            text = String.join("\n\n", texts);
        } else {
            throw new TranslationException("system", "must be a string or an array of text blocks");
        }
        if (!text.isEmpty()) {
            out.addObject().put("role", "system").put("content", text);
        }
    }

    private static String systemText(JsonNode content, String path) {
        if (content != null && content.isTextual()) {
            return content.textValue();
        }
        if (content != null && content.isArray()) {
            List<String> texts = new ArrayList<>();
            for (int j = 0; j < content.size(); j++) {
                JsonNode block = content.get(j);
                if (!"text".equals(block.path("type").asText())) {
                    throw new TranslationException(path + ".content[" + j + "].type",
                            "system messages must hold text blocks to be sent to an OpenAI-compatible model");
                }
                texts.add(block.path("text").asText());
            }
            return String.join("\n\n", texts);
        }
        throw new TranslationException(path + ".content", "must be a string or an array of text blocks");
    }

    static void messages(JsonNode messages, ArrayNode out) {
        if (messages == null || !messages.isArray()) {
            throw new TranslationException("messages", "must be an array of messages");
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String path = "messages[" + i + "]";
            String role = message.path("role").asText("");
            JsonNode content = message.get("content");
            if (role.equals("system")) { // Claude Code's mid-conversation system messages keep their place
                out.addObject().put("role", "system").put("content", systemText(content, path));
                continue;
            }
            if (!role.equals("user") && !role.equals("assistant")) {
                throw new TranslationException(path + ".role", "must be \"user\", \"assistant\" or \"system\", not \""
                        + role + "\"");
            }
            if (role.equals("assistant") && i == messages.size() - 1) {
                throw new TranslationException(path + ".role", "the conversation ends with an assistant turn to be"
                        + " continued (prefill); OpenAI-compatible APIs answer with a new message instead, so it"
                        + " cannot be sent to this model");
            }
            if (content != null && content.isTextual()) {
                out.addObject().put("role", role).put("content", content.textValue());
            } else if (content != null && content.isArray()) {
                if (role.equals("user")) {
                    userBlocks(content, path, out);
                } else {
                    assistantBlocks(content, path, out);
                }
            } else {
                throw new TranslationException(path + ".content", "must be a string or an array of content blocks");
            }
        }
    }

    /**
     * A user turn: {@code tool_result} blocks become {@code tool} messages, the other blocks user messages, in the
     * order they came (Claude Code puts its tool results first, then any text it adds to the turn).
     */
    private static void userBlocks(JsonNode blocks, String messagePath, ArrayNode out) {
        List<ObjectNode> parts = new ArrayList<>();
        for (int j = 0; j < blocks.size(); j++) {
            JsonNode block = blocks.get(j);
            String path = messagePath + ".content[" + j + "]";
            String type = block.path("type").asText("");
            switch (type) {
                case "text" -> parts.add(textPart(block, path));
                case "image" -> parts.add(imagePart(block, path));
                case "tool_result" -> {
                    flushUser(parts, out);
                    out.add(toolMessage(block, path));
                }
                default -> throw unsupportedBlock(type, path);
            }
        }
        flushUser(parts, out);
    }

    /** The pending user parts as one user message: a plain string when they are all text, else a parts array. */
    private static void flushUser(List<ObjectNode> parts, ArrayNode out) {
        if (parts.isEmpty()) {
            return;
        }
        ObjectNode message = out.addObject().put("role", "user");
        if (parts.stream().allMatch(part -> part.path("type").textValue().equals("text"))) {
            List<String> texts = parts.stream().map(part -> part.path("text").textValue()).toList();
            message.put("content", String.join("\n\n", texts));
        } else {
            message.putArray("content").addAll(parts);
        }
        parts.clear();
    }

    private static ObjectNode textPart(JsonNode block, String path) {
        return Json.object().put("type", "text").put("text", text(block, path));
    }

    private static ObjectNode imagePart(JsonNode block, String path) {
        JsonNode source = block.path("source");
        String url = switch (source.path("type").asText("")) {
            case "base64" -> "data:" + source.path("media_type").asText("") + ";base64,"
                    + source.path("data").asText("");
            case "url" -> source.path("url").asText("");
            default -> throw new TranslationException(path + ".source.type", "only base64 and url image sources can"
                    + " be sent to an OpenAI-compatible model, not \"" + source.path("type").asText("") + "\"");
        };
        ObjectNode part = Json.object().put("type", "image_url");
        part.putObject("image_url").put("url", url);
        return part;
    }

    private static ObjectNode toolMessage(JsonNode block, String path) {
        String toolUseId = block.path("tool_use_id").asText("");
        if (toolUseId.isEmpty()) {
            throw new TranslationException(path + ".tool_use_id", "a tool_result needs the id of its tool_use");
        }
        String content = toolResultText(block.get("content"), path + ".content");
        if (block.path("is_error").asBoolean(false)) {
            content = "Error: " + content;
        }
        return Json.object().put("role", "tool").put("tool_call_id", toolUseId).put("content", content);
    }

    /** A tool result's content as text: OpenAI tool messages carry text only. */
    private static String toolResultText(JsonNode content, String path) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.textValue();
        }
        if (!content.isArray()) {
            throw new TranslationException(path, "must be a string or an array of content blocks");
        }
        List<String> texts = new ArrayList<>();
        for (int k = 0; k < content.size(); k++) {
            JsonNode block = content.get(k);
            String blockPath = path + "[" + k + "]";
            String type = block.path("type").asText("");
            if (type.equals("image")) {
                throw new TranslationException(blockPath, "an image inside a tool result cannot be sent to an"
                        + " OpenAI-compatible model (tool messages carry text only)");
            }
            if (!type.equals("text")) {
                throw unsupportedBlock(type, blockPath);
            }
            texts.add(text(block, blockPath));
        }
        return String.join("\n\n", texts);
    }

    /**
     * An assistant turn: its text as {@code content}, its {@code tool_use} blocks as {@code tool_calls}. Thinking
     * blocks ({@code thinking}, {@code redacted_thinking}) are dropped: OpenAI-compatible APIs have no field that
     * takes Anthropic's signed reasoning back, and earlier turns' reasoning does not change what the conversation
     * says: the answers and tool calls that came of it stay. A turn that held only thinking is left out entirely.
     */
    private static void assistantBlocks(JsonNode blocks, String messagePath, ArrayNode out) {
        List<String> texts = new ArrayList<>();
        ArrayNode toolCalls = Json.MAPPER.createArrayNode();
        for (int j = 0; j < blocks.size(); j++) {
            JsonNode block = blocks.get(j);
            String path = messagePath + ".content[" + j + "]";
            String type = block.path("type").asText("");
            switch (type) {
                case "text" -> texts.add(text(block, path));
                case "tool_use" -> toolCalls.add(toolCall(block, path));
                case "thinking", "redacted_thinking" -> {
                    // dropped: see the method comment
                }
                default -> throw unsupportedBlock(type, path);
            }
        }
        if (texts.isEmpty() && toolCalls.isEmpty()) {
            return;
        }
        ObjectNode message = out.addObject().put("role", "assistant");
        if (texts.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", String.join("\n\n", texts));
        }
        if (!toolCalls.isEmpty()) {
            message.set("tool_calls", toolCalls);
        }
    }

    private static ObjectNode toolCall(JsonNode block, String path) {
        String id = block.path("id").asText("");
        String name = block.path("name").asText("");
        if (id.isEmpty()) {
            throw new TranslationException(path + ".id", "a tool_use block needs its id");
        }
        if (name.isEmpty()) {
            throw new TranslationException(path + ".name", "a tool_use block needs its tool name");
        }
        JsonNode input = block.get("input");
        ObjectNode call = Json.object().put("id", id).put("type", "function");
        call.putObject("function")
                .put("name", name)
                .put("arguments", input == null || input.isNull() ? "{}" : input.toString());
        return call;
    }

    private static String text(JsonNode block, String path) {
        JsonNode text = block.get("text");
        if (text == null || !text.isTextual()) {
            throw new TranslationException(path + ".text", "a text block needs its text");
        }
        return text.textValue();
    }

    private static TranslationException unsupportedBlock(String type, String path) {
        return new TranslationException(path + ".type", "content blocks of type \"" + type + "\" have no"
                + " equivalent in the OpenAI Chat Completions API; this model cannot take them");
    }
}
