package dev.spillway.simulators;

import com.fasterxml.jackson.databind.JsonNode;

/** The default answer of every simulator: a text message that quotes the last user message back. */
final class EchoScript {

    static final String GREETING = "Hello from the Spillway simulator.";

    private EchoScript() {
    }

    /** {@code "Echo: <last user text>"}, or a greeting when the request has no user text. */
    static MessageScript forRequest(JsonNode body) {
        return MessageScript.text(replyText(body));
    }

    /**
     * The echo text for a body with a {@code messages} array (Anthropic or OpenAI chat): {@code "Echo: <last user
     * text>"}, or a greeting when there is no user text.
     */
    static String replyText(JsonNode body) {
        return quote(lastUserText(body));
    }

    /** {@code "Echo: <text>"}, or the greeting for an empty text. */
    static String quote(String userText) {
        return userText.isEmpty() ? GREETING : "Echo: " + userText;
    }

    private static String lastUserText(JsonNode body) {
        if (body == null) {
            return "";
        }
        String text = "";
        for (JsonNode message : body.path("messages")) {
            if ("user".equals(message.path("role").asText())) {
                text = textOf(message.path("content"));
            }
        }
        return text;
    }

    private static String textOf(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : content) {
            if ("text".equals(block.path("type").asText())) {
                text.append(block.path("text").asText());
            }
        }
        return text.toString();
    }
}
