package dev.spillway.simulators;

import com.fasterxml.jackson.databind.JsonNode;

/** The default answer of both simulators: a text message that quotes the last user message back. */
final class EchoScript {

    static final String GREETING = "Hello from the Spillway simulator.";

    private EchoScript() {
    }

    /** {@code "Echo: <last user text>"}, or a greeting when the request has no user text. */
    static MessageScript forRequest(JsonNode body) {
        String userText = lastUserText(body);
        return MessageScript.text(userText.isEmpty() ? GREETING : "Echo: " + userText);
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
