package dev.spillway.engine.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.json.Json;
import dev.spillway.engine.translate.OpenAiMessagesToAnthropic.Conversation;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Translates an OpenAI Chat Completions request body into an Anthropic Messages request body, for Anthropic or
 * Bedrock. Every field is either translated, accepted because it holds OpenAI's default (e.g. {@code n: 1},
 * {@code presence_penalty: 0}), consumed elsewhere in the gateway ({@code stream_options}, {@code cache}), or
 * refused with a {@link TranslationException} naming it: nothing is dropped silently.
 *
 * <p>Where the two APIs differ:
 * <ul>
 *   <li>{@code max_tokens} is required by Anthropic: {@code max_completion_tokens}, else {@code max_tokens}, else
 *       {@value #DEFAULT_MAX_TOKENS};</li>
 *   <li>{@code temperature} above 1 (OpenAI allows up to 2) is refused, not rescaled;</li>
 *   <li>{@code reasoning_effort} becomes a thinking budget, with {@code max_tokens} raised to leave
 *       {@value #THINKING_HEADROOM} tokens for the answer. Anthropic thinks only at the default temperature, top_p
 *       of at least 0.95, without top_k and without a forced tool, so those combinations are refused. A request that
 *       returns tool results is sent without thinking: Claude needs its signed thinking blocks back in the middle of
 *       a tool-use turn, and OpenAI clients cannot keep them.</li>
 * </ul>
 */
public final class OpenAiToAnthropicRequest {

    static final int DEFAULT_MAX_TOKENS = 4096;
    static final int THINKING_HEADROOM = 1024;
    private static final Map<String, Integer> THINKING_BUDGETS = Map.of(
            "minimal", 1024, "low", 2048, "medium", 8192, "high", 16384, "xhigh", 32768);
    private static final BigDecimal TOP_P_WITH_THINKING = new BigDecimal("0.95");

    private OpenAiToAnthropicRequest() {
    }

    /**
     * @param chatCompletionsRequest the client's body
     * @param anthropicModel the model id the upstream expects
     * @throws TranslationException for anything Anthropic cannot do as asked
     */
    public static ObjectNode translate(ObjectNode chatCompletionsRequest, String anthropicModel) {
        chatCompletionsRequest.properties().forEach(field -> checkField(field.getKey(), field.getValue()));
        Conversation conversation = OpenAiMessagesToAnthropic.translate(chatCompletionsRequest.get("messages"));
        ArrayNode tools = OpenAiToolsToAnthropic.tools(chatCompletionsRequest.get("tools"));
        ObjectNode toolChoice = OpenAiToolsToAnthropic.toolChoice(chatCompletionsRequest.get("tool_choice"),
                chatCompletionsRequest.get("parallel_tool_calls"), tools != null);
        Integer thinkingBudget = thinkingBudget(chatCompletionsRequest, conversation, toolChoice);

        ObjectNode body = Json.object();
        body.put("model", anthropicModel);
        int maxTokens = maxTokens(chatCompletionsRequest);
        body.put("max_tokens", thinkingBudget == null ? maxTokens
                : Math.max(maxTokens, thinkingBudget + THINKING_HEADROOM));
        if (conversation.system() != null) {
            body.set("system", conversation.system());
        }
        body.set("messages", conversation.messages());
        if (tools != null) {
            body.set("tools", tools);
        }
        if (toolChoice != null) {
            body.set("tool_choice", toolChoice);
        }
        ArrayNode stopSequences = stopSequences(chatCompletionsRequest.get("stop"));
        if (stopSequences != null) {
            body.set("stop_sequences", stopSequences);
        }
        copyNumber(chatCompletionsRequest, "temperature", body, "0 to 1 (OpenAI allows up to 2, Anthropic models "
                + "accept at most 1; send a value of at most 1)");
        copyNumber(chatCompletionsRequest, "top_p", body, "0 to 1");
        copyTopK(chatCompletionsRequest, body);
        String user = user(chatCompletionsRequest.get("user"));
        if (user != null) {
            body.putObject("metadata").put("user_id", user);
        }
        if (thinkingBudget != null) {
            ObjectNode thinking = body.putObject("thinking");
            thinking.put("type", "enabled");
            thinking.put("budget_tokens", thinkingBudget);
        }
        JsonNode stream = chatCompletionsRequest.get("stream");
        if (stream != null && stream.isBoolean()) {
            body.put("stream", stream.booleanValue());
        }
        return body;
    }

    /** Refuses fields that cannot be honoured; the translated ones are checked where they are translated. */
    private static void checkField(String name, JsonNode value) {
        switch (name) {
            case "model", "messages", "max_tokens", "max_completion_tokens", "temperature", "top_p", "top_k", "stop",
                    "tools", "tool_choice", "parallel_tool_calls", "user", "reasoning_effort" -> {
                // translated
            }
            case "stream_options", "cache" -> {
                // for the gateway: usage chunk of the translated stream, response cache controls
            }
            case "stream" -> require(isAbsent(value) || value.isBoolean(), name, "must be true or false");
            case "response_format" -> checkResponseFormat(value);
            case "n" -> require(isAbsent(value) || (value.isIntegralNumber() && value.intValue() == 1), name,
                    "Anthropic models give one choice per request; send n = 1 (or leave it out) and repeat the "
                            + "request for more");
            case "logprobs" -> require(isAbsent(value) || (value.isBoolean() && !value.booleanValue()), name,
                    "log probabilities are not available from Anthropic models");
            case "top_logprobs" -> require(isAbsentOrZero(value), name,
                    "log probabilities are not available from Anthropic models");
            case "presence_penalty", "frequency_penalty" -> require(isAbsentOrZero(value), name,
                    "Anthropic models have no " + name.replace('_', ' ') + "; leave it out or send 0");
            case "seed" -> require(isAbsent(value), name, "Anthropic models cannot be seeded for reproducible output");
            case "logit_bias" -> require(isAbsentOrEmpty(value), name, "Anthropic models have no logit bias");
            case "metadata" -> require(isAbsentOrEmpty(value), name,
                    "stored-completion metadata is not supported for Anthropic models; use 'user' for a user id");
            case "store" -> require(isAbsent(value) || (value.isBoolean() && !value.booleanValue()), name,
                    "stored completions are not supported for Anthropic models");
            case "service_tier" -> require(isAbsent(value) || value.asText().equals("auto")
                    || value.asText().equals("default"), name, "only 'auto' or 'default' can be sent to Anthropic "
                    + "models");
            case "modalities" -> require(isAbsent(value) || (value.isArray() && value.size() == 1
                    && value.get(0).asText().equals("text")), name, "Anthropic models answer in text only");
            default -> throw new TranslationException(name,
                    "is not supported for Anthropic models through this gateway");
        }
    }

    private static void checkResponseFormat(JsonNode value) {
        if (isAbsent(value)) {
            return;
        }
        String type = value.path("type").asText("");
        switch (type) {
            case "text" -> {
                // the default
            }
            case "json_object", "json_schema" -> throw new TranslationException("response_format",
                    "structured output (" + type + ") is not supported for Anthropic models through this gateway; "
                            + "ask for JSON in the prompt, or define a tool with the schema and force it with "
                            + "tool_choice");
            default -> throw new TranslationException("response_format.type", "must be text, json_object or "
                    + "json_schema");
        }
    }

    private static int maxTokens(ObjectNode request) {
        for (String field : new String[] {"max_completion_tokens", "max_tokens"}) {
            JsonNode value = request.get(field);
            if (!isAbsent(value)) {
                require(value.isIntegralNumber() && value.canConvertToInt() && value.intValue() >= 1, field,
                        "must be a positive integer");
                return value.intValue();
            }
        }
        return DEFAULT_MAX_TOKENS;
    }

    private static Integer thinkingBudget(ObjectNode request, Conversation conversation, ObjectNode toolChoice) {
        JsonNode effort = request.get("reasoning_effort");
        if (isAbsent(effort) || effort.asText().equals("none")) {
            return null;
        }
        Integer budget = effort.isTextual() ? THINKING_BUDGETS.get(effort.asText()) : null;
        require(budget != null, "reasoning_effort", "must be none, minimal, low, medium, high or xhigh");
        JsonNode temperature = request.get("temperature");
        require(isAbsent(temperature) || (temperature.isNumber()
                        && temperature.decimalValue().compareTo(BigDecimal.ONE) == 0), "temperature",
                "must be 1 or left out with reasoning_effort: Anthropic models think only at temperature 1");
        JsonNode topP = request.get("top_p");
        require(isAbsent(topP) || (topP.isNumber() && topP.decimalValue().compareTo(TOP_P_WITH_THINKING) >= 0),
                "top_p", "must be between 0.95 and 1 or left out with reasoning_effort (Anthropic models' limit "
                        + "while thinking)");
        require(isAbsent(request.get("top_k")), "top_k",
                "cannot be combined with reasoning_effort for Anthropic models");
        String choice = toolChoice == null ? "auto" : toolChoice.path("type").asText();
        require(!choice.equals("any") && !choice.equals("tool"), "tool_choice", "cannot force a tool together "
                + "with reasoning_effort: Anthropic models think only with tool_choice auto or none");
        return conversation.continuesToolUse() ? null : budget;
    }

    private static ArrayNode stopSequences(JsonNode stop) {
        if (isAbsent(stop)) {
            return null;
        }
        ArrayNode sequences = Json.MAPPER.createArrayNode();
        if (stop.isTextual()) {
            sequences.add(stop.asText());
        } else if (stop.isArray()) {
            for (int k = 0; k < stop.size(); k++) {
                require(stop.get(k).isTextual(), "stop[" + k + "]", "must be a string");
                sequences.add(stop.get(k).asText());
            }
        } else {
            throw new TranslationException("stop", "must be a string or an array of strings");
        }
        return sequences.isEmpty() ? null : sequences;
    }

    private static void copyNumber(ObjectNode request, String field, ObjectNode body, String range) {
        JsonNode value = request.get(field);
        if (isAbsent(value)) {
            return;
        }
        require(value.isNumber() && value.decimalValue().signum() >= 0
                && value.decimalValue().compareTo(BigDecimal.ONE) <= 0, field, "must be a number from " + range);
        body.set(field, value);
    }

    private static void copyTopK(ObjectNode request, ObjectNode body) {
        JsonNode value = request.get("top_k");
        if (isAbsent(value)) {
            return;
        }
        require(value.isIntegralNumber() && value.canConvertToInt() && value.intValue() >= 0, "top_k",
                "must be a non-negative integer");
        body.put("top_k", value.intValue());
    }

    private static String user(JsonNode user) {
        if (isAbsent(user)) {
            return null;
        }
        require(user.isTextual(), "user", "must be a string");
        return user.asText().isEmpty() ? null : user.asText();
    }

    private static boolean isAbsent(JsonNode value) {
        return value == null || value.isNull();
    }

    private static boolean isAbsentOrZero(JsonNode value) {
        return isAbsent(value) || (value.isNumber() && value.decimalValue().signum() == 0);
    }

    private static boolean isAbsentOrEmpty(JsonNode value) {
        return isAbsent(value) || (value.isObject() && value.isEmpty());
    }

    private static void require(boolean condition, String field, String message) {
        if (!condition) {
            throw new TranslationException(field, message);
        }
    }
}
