package dev.spillway.engine.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.json.Json;

/**
 * An Anthropic Messages API request (as Claude Code sends it) as an OpenAI Chat Completions request, for GPT,
 * DeepSeek, Groq, OpenRouter, Ollama and other OpenAI-compatible servers. Tool names and tool-use ids pass unchanged,
 * so tool calls round-trip. Messages and system: see {@link AnthropicMessagesToOpenAi}.
 *
 * <p>What has no OpenAI equivalent and is dropped, because it does not change what the model is asked:
 * <ul>
 *   <li>{@code top_k}: a sampling hint OpenAI's API does not have.</li>
 *   <li>{@code cache_control} anywhere, tools' {@code defer_loading}, {@code eager_input_streaming} and
 *       {@code input_examples}: prompt-cache and tool-loading hints (without {@code defer_loading} every tool is
 *       simply offered up front).</li>
 *   <li>{@code context_management}: it edits the context on Anthropic's side (clearing old tool results or
 *       thinking); Claude Code keeps managing its own context.</li>
 *   <li>{@code service_tier}, {@code inference_geo}, {@code container} and other fields only Anthropic reads.</li>
 *   <li>Thinking blocks of earlier turns (see {@link AnthropicMessagesToOpenAi}).</li>
 * </ul>
 *
 * <p>What is refused with a {@link TranslationException} naming the field, because dropping it would change the
 * answer: Anthropic server tools and versioned tools ({@code bash_20250124}, {@code web_search_20250305},
 * {@code text_editor_*}, {@code computer_*}, ...), {@code mcp_servers}, content blocks other than text, image,
 * tool_use, tool_result and thinking, images inside tool results, and values this class does not know.
 *
 * <p>Thinking becomes {@code reasoning_effort}: a budget under 4096 tokens {@code low}, under 16384 {@code medium},
 * else {@code high}; adaptive thinking {@code medium}; {@code output_config.effort}, when present, decides instead
 * ({@code max} becomes {@code high}). Models without reasoning reject {@code reasoning_effort}.
 */
public final class AnthropicToOpenAiRequest {

    private AnthropicToOpenAiRequest() {
    }

    /**
     * @param anthropicMessagesRequest the client's body; not modified
     * @param openAiModel the upstream model id, e.g. {@code gpt-5} or {@code deepseek-chat}
     * @return the Chat Completions request body
     * @throws TranslationException if a part of the request cannot be expressed without changing its meaning
     */
    public static ObjectNode translate(ObjectNode anthropicMessagesRequest, String openAiModel) {
        JsonNode in = anthropicMessagesRequest;
        ObjectNode out = Json.object();
        out.put("model", openAiModel);
        ArrayNode messages = out.putArray("messages");
        AnthropicMessagesToOpenAi.system(in.get("system"), messages);
        AnthropicMessagesToOpenAi.messages(in.get("messages"), messages);
        copy(in, "max_tokens", out, "max_tokens");
        copy(in, "temperature", out, "temperature");
        copy(in, "top_p", out, "top_p");
        JsonNode stop = in.get("stop_sequences");
        if (stop != null && stop.isArray() && !stop.isEmpty()) {
            out.set("stop", stop.deepCopy());
        }
        JsonNode userId = in.path("metadata").get("user_id");
        if (userId != null && userId.isTextual() && !userId.textValue().isEmpty()) {
            out.put("user", userId.textValue());
        }
        JsonNode stream = in.get("stream");
        if (stream != null && stream.isBoolean()) {
            out.put("stream", stream.booleanValue());
            if (stream.booleanValue()) {
                out.putObject("stream_options").put("include_usage", true);
            }
        }
        tools(in, out);
        String effort = reasoningEffort(in);
        if (effort != null) {
            out.put("reasoning_effort", effort);
        }
        responseFormat(in, out);
        JsonNode mcpServers = in.get("mcp_servers");
        if (mcpServers != null && mcpServers.isArray() && !mcpServers.isEmpty()) {
            throw new TranslationException("mcp_servers", "MCP servers are called by Anthropic's API itself;"
                    + " an OpenAI-compatible model cannot use them");
        }
        return out;
    }

    private static void copy(JsonNode in, String from, ObjectNode out, String to) {
        JsonNode value = in.get(from);
        if (value != null && !value.isNull()) {
            out.set(to, value.deepCopy());
        }
    }

    /** {@code tools} as function tools; {@code tool_choice} and parallel calls, only when there are tools. */
    private static void tools(JsonNode in, ObjectNode out) {
        JsonNode tools = in.get("tools");
        if (tools == null || tools.isNull()) {
            return;
        }
        if (!tools.isArray()) {
            throw new TranslationException("tools", "must be an array of tools");
        }
        if (tools.isEmpty()) {
            return;
        }
        ArrayNode functions = out.putArray("tools");
        for (int i = 0; i < tools.size(); i++) {
            functions.add(function(tools.get(i), "tools[" + i + "]"));
        }
        JsonNode choice = in.get("tool_choice");
        if (choice != null && choice.isObject()) {
            toolChoice(choice, out);
            if (choice.path("disable_parallel_tool_use").asBoolean(false)) {
                out.put("parallel_tool_calls", false);
            }
        }
    }

    private static ObjectNode function(JsonNode tool, String path) {
        String type = tool.path("type").textValue();
        if (type != null && !type.equals("custom")) {
            throw new TranslationException(path, "\"" + type + "\" is an Anthropic server or versioned tool, run by"
                    + " Anthropic's API; an OpenAI-compatible model cannot use it");
        }
        String name = tool.path("name").asText("");
        if (name.isEmpty()) {
            throw new TranslationException(path + ".name", "a tool needs a name");
        }
        ObjectNode function = Json.object();
        function.put("name", name);
        JsonNode description = tool.get("description");
        if (description != null && description.isTextual()) {
            function.put("description", description.textValue());
        }
        JsonNode schema = tool.get("input_schema");
        if (schema != null && schema.isObject()) {
            function.set("parameters", schema.deepCopy());
        } else {
            function.putObject("parameters").put("type", "object").putObject("properties");
        }
        JsonNode strict = tool.get("strict");
        if (strict != null && strict.isBoolean()) {
            function.put("strict", strict.booleanValue());
        }
        ObjectNode wrapper = Json.object().put("type", "function");
        wrapper.set("function", function);
        return wrapper;
    }

    private static void toolChoice(JsonNode choice, ObjectNode out) {
        String type = choice.path("type").asText("");
        switch (type) {
            case "auto" -> out.put("tool_choice", "auto");
            case "any" -> out.put("tool_choice", "required");
            case "none" -> out.put("tool_choice", "none");
            case "tool" -> {
                String name = choice.path("name").asText("");
                if (name.isEmpty()) {
                    throw new TranslationException("tool_choice.name", "tool_choice of type \"tool\" needs a name");
                }
                ObjectNode named = out.putObject("tool_choice").put("type", "function");
                named.putObject("function").put("name", name);
            }
            default -> throw new TranslationException("tool_choice.type",
                    "must be auto, any, none or tool, not \"" + type + "\"");
        }
    }

    /** {@code output_config.effort} if given, else what {@code thinking} asks for; {@code null} for neither. */
    static String reasoningEffort(JsonNode in) {
        JsonNode effort = in.path("output_config").get("effort");
        if (effort != null && !effort.isNull()) {
            return switch (effort.asText("")) {
                case "low" -> "low";
                case "medium" -> "medium";
                case "high", "max" -> "high";
                default -> throw new TranslationException("output_config.effort",
                        "must be low, medium, high or max, not " + effort);
            };
        }
        JsonNode thinking = in.get("thinking");
        if (thinking == null || thinking.isNull()) {
            return null;
        }
        String type = thinking.path("type").asText("");
        return switch (type) {
            case "disabled" -> null;
            case "adaptive" -> "medium";
            case "enabled" -> {
                long budget = thinking.path("budget_tokens").asLong(4096);
                yield budget < 4096 ? "low" : budget < 16384 ? "medium" : "high";
            }
            default -> throw new TranslationException("thinking.type",
                    "must be enabled, adaptive or disabled, not \"" + type + "\"");
        };
    }

    /**
     * Structured outputs: {@code output_config.format} (or the older top-level {@code output_format}) of type
     * {@code json_schema} as {@code response_format}.
     */
    private static void responseFormat(JsonNode in, ObjectNode out) {
        String path = "output_config.format";
        JsonNode format = in.path("output_config").get("format");
        if (format == null || format.isNull()) {
            path = "output_format";
            format = in.get("output_format");
        }
        if (format == null || format.isNull()) {
            return;
        }
        String type = format.path("type").asText("");
        if (!type.equals("json_schema")) {
            throw new TranslationException(path + ".type", "only json_schema formats can be sent to an"
                    + " OpenAI-compatible model, not \"" + type + "\"");
        }
        JsonNode schema = format.get("schema");
        if (schema == null || !schema.isObject()) {
            throw new TranslationException(path + ".schema", "a json_schema format needs its schema");
        }
        ObjectNode jsonSchema = out.putObject("response_format").put("type", "json_schema")
                .putObject("json_schema");
        jsonSchema.put("name", "output");
        jsonSchema.set("schema", schema.deepCopy());
        jsonSchema.put("strict", true);
    }
}
