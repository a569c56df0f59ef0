package dev.spillway.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * What one scripted OpenAI completion says: optional reasoning, the text ({@code null} for a tool-calls-only message,
 * whose {@code content} is {@code null}), tool calls, usage and finish reason. Immutable.
 *
 * <p>Unless set, usage is 25 prompt tokens, none cached, and one completion token per four characters of output;
 * the finish reason is {@code tool_calls} when there are tool calls, else {@code stop}.
 */
final class OpenAiScript {

    private static final int DEFAULT_PROMPT_TOKENS = 25;

    private final String reasoning;
    private final String text;
    private final List<OpenAiReply.ToolCall> toolCalls;
    private final OpenAiUsage usage;
    private final String finishReason;

    private OpenAiScript(String reasoning, String text, List<OpenAiReply.ToolCall> toolCalls, OpenAiUsage usage,
            String finishReason) {
        this.reasoning = reasoning;
        this.text = text;
        this.toolCalls = List.copyOf(toolCalls);
        this.usage = usage;
        this.finishReason = finishReason;
    }

    static OpenAiScript text(String text) {
        return new OpenAiScript(null, Objects.requireNonNull(text), List.of(), null, null);
    }

    /** Tool calls, preceded by {@code text} unless it is {@code null}. */
    static OpenAiScript toolCalls(String text, List<OpenAiReply.ToolCall> toolCalls) {
        if (toolCalls.isEmpty()) {
            throw new IllegalArgumentException("at least one tool call is needed");
        }
        return new OpenAiScript(null, text, toolCalls, null, null);
    }

    static OpenAiScript reasoningThenText(String reasoning, String text) {
        return new OpenAiScript(Objects.requireNonNull(reasoning), Objects.requireNonNull(text), List.of(), null,
                null);
    }

    /**
     * The default answer: {@code "Echo: <last user text>"} for a chat body, {@code "Echo: <prompt>"} for a legacy
     * completions body (the first prompt if there are several).
     */
    static OpenAiScript echo(JsonNode body) {
        JsonNode prompt = body == null ? null : body.get("prompt");
        if (prompt != null && !body.has("messages")) {
            JsonNode first = prompt.isArray() ? prompt.path(0) : prompt;
            return text(EchoScript.quote(first.isTextual() ? first.textValue() : ""));
        }
        return text(EchoScript.replyText(body));
    }

    OpenAiScript withUsage(OpenAiUsage usage) {
        return new OpenAiScript(reasoning, text, toolCalls, Objects.requireNonNull(usage), finishReason);
    }

    OpenAiScript withFinishReason(String finishReason) {
        return new OpenAiScript(reasoning, text, toolCalls, usage, Objects.requireNonNull(finishReason));
    }

    /** The reasoning ({@code reasoning_content}), or {@code null} if there is none. */
    String reasoning() {
        return reasoning;
    }

    /** The message text, or {@code null} when the message only calls tools. */
    String text() {
        return text;
    }

    List<OpenAiReply.ToolCall> toolCalls() {
        return toolCalls;
    }

    /** The chat finish reason: as set, else {@code tool_calls} or {@code stop}. */
    String finishReason() {
        if (finishReason != null) {
            return finishReason;
        }
        return toolCalls.isEmpty() ? "stop" : "tool_calls";
    }

    /** The legacy completions finish reason: as set, else {@code stop} (that API has no tool calls). */
    String legacyFinishReason() {
        return finishReason != null ? finishReason : "stop";
    }

    OpenAiUsage usage() {
        if (usage != null) {
            return usage;
        }
        return new OpenAiUsage(DEFAULT_PROMPT_TOKENS, Math.max(1, outputLength() / 4), 0);
    }

    /** The completion tokens spent on reasoning: about one per four characters of it. */
    int reasoningTokens() {
        return reasoning == null ? 0 : Math.max(1, reasoning.length() / 4);
    }

    private int outputLength() {
        int length = (reasoning == null ? 0 : reasoning.length()) + (text == null ? 0 : text.length());
        for (OpenAiReply.ToolCall call : toolCalls) {
            length += call.name().length() + call.argumentsJson().length();
        }
        return length;
    }
}
