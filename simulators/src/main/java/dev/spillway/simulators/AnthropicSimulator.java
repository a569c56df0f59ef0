package dev.spillway.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A local stand-in for {@code https://api.anthropic.com}, scripted like OkHttp's MockWebServer.
 *
 * <p>Serves {@code POST /v1/messages} (any query string, e.g. {@code ?beta=true}) from the queue of
 * {@linkplain #enqueue enqueued} replies, falling back to the {@linkplain #setDefaultReply default reply}
 * ({@link AnthropicReply#echo()} unless changed); {@code POST /v1/messages/count_tokens} (about one token per four
 * body bytes); and {@code GET /v1/models}. Anything else is a 404 {@code not_found_error}. Every request, answered or
 * refused, is recorded for {@link #takeRequest()}.
 *
 * <pre>{@code
 * try (AnthropicSimulator anthropic = AnthropicSimulator.start()) {
 *     anthropic.enqueue(AnthropicReply.rateLimited(30));
 *     // ... point the code under test at anthropic.baseUrl() ...
 *     RecordedRequest request = anthropic.takeRequest();
 * }
 * }</pre>
 */
public final class AnthropicSimulator extends RecordingSimulator<AnthropicReply> {

    private final Queue<AnthropicReply> countTokensErrors = new ConcurrentLinkedQueue<>();
    private final AnthropicCredentials credentials = new AnthropicCredentials();
    private final AnthropicResponder responder;

    private AnthropicSimulator() {
        super("anthropic-simulator", AnthropicReply.echo());
        this.responder = new AnthropicResponder(server);
    }

    /** Starts a simulator on {@code 127.0.0.1} with an ephemeral port. */
    public static AnthropicSimulator start() {
        return new AnthropicSimulator();
    }

    /**
     * Queues an error reply (e.g. {@link AnthropicReply#rateLimited}) for the next
     * {@code POST /v1/messages/count_tokens}; without one, count_tokens always answers with a count.
     */
    public void enqueueCountTokensError(AnthropicReply errorReply) {
        if (errorReply.kind() != AnthropicReply.Kind.ERROR) {
            throw new IllegalArgumentException("count_tokens takes error replies only; counts are computed");
        }
        countTokensErrors.add(errorReply);
    }

    /**
     * From now on, answers 401 {@code authentication_error} unless the request presents {@code key}: as
     * {@code x-api-key} or {@code Authorization: Bearer}, or, for an OAuth token ({@code sk-ant-oat...}), only as a
     * bearer token with {@code anthropic-beta} containing {@code oauth-2025-04-20}. {@code null} turns the check off.
     */
    public void requireApiKey(String key) {
        credentials.require(key);
    }

    @Override
    void handle(HttpServerExchange exchange, byte[] body) throws IOException, InterruptedException {
        RecordedRequest request = RecordedRequest.of(exchange, body);
        JsonNode json = request.bodyJson();
        request = request.withModel(json == null ? null : json.path("model").textValue(),
                json != null && json.path("stream").asBoolean(false));
        journal.record(request);

        String method = request.method();
        String path = exchange.getRequestPath();
        String rejection = credentials.rejectionOf(request);
        if (rejection != null) {
            sendError(exchange, 401, "authentication_error", rejection);
        } else if (method.equals("POST") && path.equals("/v1/messages")) {
            if (json == null || !json.isObject()) {
                sendError(exchange, 400, "invalid_request_error", "The request body is not valid JSON.");
            } else {
                responder.respond(exchange, request, replies.next());
            }
        } else if (method.equals("POST") && path.equals("/v1/messages/count_tokens")
                && !countTokensErrors.isEmpty()) {
            responder.respond(exchange, request, countTokensErrors.poll());
        } else if (method.equals("POST") && path.equals("/v1/messages/count_tokens")) {
            int tokens = Math.max(1, body.length / 4);
            sendJson(exchange, Json.object().put("input_tokens", tokens));
        } else if (method.equals("GET") && path.equals("/v1/models")) {
            sendJson(exchange, AnthropicModels.list());
        } else {
            sendError(exchange, 404, "not_found_error", "Not found");
        }
    }

    private static void sendJson(HttpServerExchange exchange, JsonNode body) throws IOException {
        Map<String, String> headers = AnthropicHeaders.forResponse(Ids.anthropicRequestId(), Map.of());
        Responses.send(exchange, 200, AnthropicResponder.JSON, headers, Json.bytes(body));
    }

    private static void sendError(HttpServerExchange exchange, int status, String type, String message)
            throws IOException {
        String requestId = Ids.anthropicRequestId();
        AnthropicResponder.sendError(exchange, new AnthropicReply.ApiError(status, type, message, -1), requestId,
                AnthropicHeaders.forResponse(requestId, Map.of()));
    }
}
