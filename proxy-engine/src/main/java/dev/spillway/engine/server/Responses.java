package dev.spillway.engine.server;

import dev.spillway.engine.upstream.AnthropicErrors;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Small helpers for writing complete answers on an exchange. */
final class Responses {

    private Responses() {
    }

    static void json(HttpServerExchange exchange, int status, byte[] body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }

    static void json(HttpServerExchange exchange, int status, String body) {
        json(exchange, status, body.getBytes(StandardCharsets.UTF_8));
    }

    /** An error in Anthropic's format. */
    static void error(HttpServerExchange exchange, int status, String errorType, String message, String requestId) {
        exchange.getResponseHeaders().put(new HttpString("request-id"), requestId);
        json(exchange, status, AnthropicErrors.body(errorType, message, requestId));
    }
}
