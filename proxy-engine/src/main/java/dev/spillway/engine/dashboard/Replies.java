package dev.spillway.engine.dashboard;

import dev.spillway.engine.json.Json;
import dev.spillway.engine.server.RequestIds;
import dev.spillway.engine.upstream.AnthropicErrors;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.nio.ByteBuffer;

/** Complete JSON answers of the dashboard's API; errors in Anthropic's format, like the rest of the gateway. */
final class Replies {

    private static final HttpString REQUEST_ID = new HttpString("request-id");

    private Replies() {
    }

    static void json(HttpServerExchange exchange, Object body) {
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send(ByteBuffer.wrap(Json.bytes(body)));
    }

    static void error(HttpServerExchange exchange, int status, String errorType, String message) {
        String requestId = RequestIds.next();
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(REQUEST_ID, requestId);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(ByteBuffer.wrap(AnthropicErrors.body(errorType, message, requestId)));
    }
}
