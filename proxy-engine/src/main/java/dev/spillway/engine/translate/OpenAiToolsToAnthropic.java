package dev.spillway.engine.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.json.Json;

/** OpenAI {@code tools}, {@code tool_choice} and {@code parallel_tool_calls} as Anthropic tools and tool choice. */
final class OpenAiToolsToAnthropic {

    private OpenAiToolsToAnthropic() {
    }

    /**
     * Function tools as {@code {"name","description","input_schema"}}; {@code strict} is dropped (Anthropic models
     * follow the schema without it).
     *
     * @return the tools, or null when the request has none
     */
    static ArrayNode tools(JsonNode tools) {
        if (tools == null || tools.isNull()) {
            return null;
        }
        if (!tools.isArray()) {
            throw new TranslationException("tools", "must be an array of tools");
        }
        if (tools.isEmpty()) {
            return null;
        }
        ArrayNode anthropicTools = Json.MAPPER.createArrayNode();
        for (int i = 0; i < tools.size(); i++) {
            anthropicTools.add(tool(tools.get(i), "tools[" + i + "]"));
        }
        return anthropicTools;
    }

    private static ObjectNode tool(JsonNode tool, String path) {
        if (!tool.isObject()) {
            throw new TranslationException(path, "must be a tool object");
        }
        String type = tool.path("type").asText("");
        if (!type.equals("function")) {
            throw new TranslationException(path + ".type", "only tools of type 'function' are supported");
        }
        JsonNode function = tool.get("function");
        if (function == null || !function.isObject()) {
            throw new TranslationException(path + ".function", "is required and must be an object");
        }
        JsonNode name = function.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            throw new TranslationException(path + ".function.name", "is required and must be a non-empty string");
        }
        ObjectNode anthropicTool = Json.object();
        anthropicTool.put("name", name.asText());
        JsonNode description = function.get("description");
        if (description != null && description.isTextual()) {
            anthropicTool.put("description", description.asText());
        }
        anthropicTool.set("input_schema", inputSchema(function.get("parameters"), path + ".function.parameters"));
        return anthropicTool;
    }

    /** The parameters schema; Anthropic requires an object schema, so a schema without a type gets one. */
    private static ObjectNode inputSchema(JsonNode parameters, String path) {
        if (parameters == null || parameters.isNull()) {
            ObjectNode empty = Json.object();
            empty.put("type", "object");
            empty.putObject("properties");
            return empty;
        }
        if (!parameters.isObject()) {
            throw new TranslationException(path, "must be a JSON Schema object");
        }
        ObjectNode schema = parameters.deepCopy();
        JsonNode type = schema.get("type");
        if (type == null) {
            schema.put("type", "object");
        } else if (!type.asText().equals("object")) {
            throw new TranslationException(path + ".type", "must be 'object': a tool takes an object of arguments");
        }
        return schema;
    }

    /**
     * @param hasTools whether the translated request has tools
     * @return Anthropic's {@code tool_choice}, or null for none
     */
    static ObjectNode toolChoice(JsonNode toolChoice, JsonNode parallelToolCalls, boolean hasTools) {
        ObjectNode choice = choice(toolChoice, hasTools);
        if (parallelToolCalls == null || parallelToolCalls.isNull()) {
            return choice;
        }
        if (!parallelToolCalls.isBoolean()) {
            throw new TranslationException("parallel_tool_calls", "must be true or false");
        }
        if (parallelToolCalls.booleanValue() || !hasTools) {
            return choice;
        }
        if (choice == null) {
            choice = Json.object();
            choice.put("type", "auto");
        }
        if (!choice.path("type").asText().equals("none")) { // Anthropic's "none" takes no such flag
            choice.put("disable_parallel_tool_use", true);
        }
        return choice;
    }

    private static ObjectNode choice(JsonNode toolChoice, boolean hasTools) {
        if (toolChoice == null || toolChoice.isNull()) {
            return null;
        }
        ObjectNode choice = Json.object();
        if (toolChoice.isTextual()) {
            String mode = toolChoice.asText();
            switch (mode) {
                case "auto" -> choice.put("type", "auto");
                case "none" -> choice.put("type", "none");
                case "required" -> choice.put("type", "any");
                default -> throw new TranslationException("tool_choice", "must be auto, none, required or "
                        + "{\"type\":\"function\",\"function\":{\"name\":...}}");
            }
            if (!hasTools) {
                if (mode.equals("required")) {
                    throw new TranslationException("tool_choice", "'required' needs tools");
                }
                return null; // auto or none without tools: nothing to choose from either way
            }
            return choice;
        }
        if (!toolChoice.isObject() || !toolChoice.path("type").asText("").equals("function")) {
            throw new TranslationException("tool_choice.type", "only {\"type\":\"function\",\"function\":"
                    + "{\"name\":...}} is supported besides auto, none and required");
        }
        JsonNode name = toolChoice.path("function").get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            throw new TranslationException("tool_choice.function.name", "is required");
        }
        if (!hasTools) {
            throw new TranslationException("tool_choice", "names a function but the request has no tools");
        }
        choice.put("type", "tool");
        choice.put("name", name.asText());
        return choice;
    }
}
