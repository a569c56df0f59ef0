package dev.spillway.engine.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.engine.json.Json;
import dev.spillway.engine.keys.KeyStoreException;
import dev.spillway.engine.spend.SpendStoreException;
import dev.spillway.engine.upstream.OpenAiErrors;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.io.InputStream;
import java.util.Deque;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An admin request, handled on a worker thread (admin handlers touch the database): its query and body in, JSON out,
 * and errors in LiteLLM's (OpenAI's) shape: a bad request is a 400 naming the field at fault.
 */
final class AdminExchange {

    private static final Logger log = LoggerFactory.getLogger(AdminExchange.class);
    private static final int MAX_BODY_BYTES = 1024 * 1024;

    /** What an admin route does with one exchange. */
    @FunctionalInterface
    interface Action {
        void handle(AdminExchange exchange) throws IOException;
    }

    /** The request was understood but cannot be served: status and message for the caller. */
    static final class Failure extends RuntimeException {
        final int status;

        Failure(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private final HttpServerExchange exchange;

    private AdminExchange(HttpServerExchange exchange) {
        this.exchange = exchange;
    }

    static HttpHandler handler(Action action) {
        return new HttpHandler() {
            @Override
            public void handleRequest(HttpServerExchange exchange) {
                if (exchange.isInIoThread()) {
                    exchange.dispatch(this);
                    return;
                }
                exchange.startBlocking();
                AdminExchange admin = new AdminExchange(exchange);
                try {
                    action.handle(admin);
                } catch (IllegalArgumentException e) {
                    admin.error(400, e.getMessage());
                } catch (Failure e) {
                    admin.error(e.status, e.getMessage());
                } catch (KeyStoreException | SpendStoreException e) {
                    log.warn("Admin request {} {} failed", exchange.getRequestMethod(), exchange.getRequestPath(), e);
                    admin.error(500, "Spillway could not read or write its database: " + e.getMessage());
                } catch (IOException | RuntimeException e) {
                    log.warn("Admin request {} {} failed", exchange.getRequestMethod(), exchange.getRequestPath(), e);
                    admin.error(500, "Spillway failed to handle the request (" + e.getClass().getSimpleName() + ").");
                }
            }
        };
    }

    Optional<String> param(String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        return values == null || values.isEmpty() || values.peekFirst().isBlank() ? Optional.empty()
                : Optional.of(values.peekFirst().trim());
    }

    byte[] body() throws IOException {
        try (InputStream in = exchange.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new Failure(413, "The request body is larger than 1 MB.");
            }
            return body;
        }
    }

    void json(int status, JsonNode body) {
        Responses.json(exchange, status, Json.bytes(body));
    }

    void error(int status, String message) {
        if (!exchange.isResponseStarted()) {
            Responses.json(exchange, status, OpenAiErrors.body(status, OpenAiErrors.typeFor(status), message, null,
                    null));
        }
    }
}
