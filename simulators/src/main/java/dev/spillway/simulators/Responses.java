package dev.spillway.simulators;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.xnio.IoUtils;

/** Writes whole responses, and the deliberately broken ones, onto a blocking exchange. */
final class Responses {

    private Responses() {
    }

    /** Sets the status, content type and headers without sending anything yet. */
    static void prepare(HttpServerExchange exchange, int status, String contentType, Map<String, String> headers) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(HttpString.tryFromString(name), value));
    }

    /** Sends a complete response with a {@code content-length}. */
    static void send(HttpServerExchange exchange, int status, String contentType, Map<String, String> headers,
            byte[] body) throws IOException {
        prepare(exchange, status, contentType, headers);
        exchange.setResponseContentLength(body.length);
        try (OutputStream out = exchange.getOutputStream()) {
            out.write(body);
        }
    }

    /** Declares the full {@code content-length}, sends only the first half of the body, then cuts the connection. */
    static void sendTruncated(HttpServerExchange exchange, int status, String contentType, Map<String, String> headers,
            byte[] body) throws IOException {
        prepare(exchange, status, contentType, headers);
        exchange.setResponseContentLength(body.length);
        OutputStream out = exchange.getOutputStream();
        out.write(body, 0, body.length / 2);
        out.flush();
        abort(exchange);
    }

    /** Sends the status line and headers prepared so far (a chunked body unless a length was set), then cuts. */
    static void sendHeadersThenDisconnect(HttpServerExchange exchange) throws IOException {
        exchange.getOutputStream().flush();
        abort(exchange);
    }

    /** Closes the connection at once: no further bytes, no chunked terminator. */
    static void abort(HttpServerExchange exchange) {
        IoUtils.safeClose(exchange.getConnection());
    }

    /** A simulator bug: answer 500 with the cause if nothing was sent yet, else cut the connection. */
    static void failInternally(HttpServerExchange exchange, Throwable cause) {
        if (exchange.isResponseStarted()) {
            abort(exchange);
            return;
        }
        try {
            byte[] body = ("simulator failure: " + cause).getBytes(StandardCharsets.UTF_8);
            send(exchange, 500, "text/plain; charset=utf-8", Map.of(), body);
        } catch (IOException e) {
            abort(exchange);
        }
    }
}
