package dev.spillway.simulators;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders an {@link AnthropicReply} onto an exchange: SSE, a JSON message, an error, or a scripted fault. */
final class AnthropicResponder {

    static final String JSON = "application/json";
    static final String SSE = "text/event-stream; charset=utf-8";

    private final SimulatorServer server;

    AnthropicResponder(SimulatorServer server) {
        this.server = server;
    }

    void respond(HttpServerExchange exchange, RecordedRequest request, AnthropicReply reply)
            throws IOException, InterruptedException {
        String requestId = Ids.anthropicRequestId();
        Map<String, String> headers = AnthropicHeaders.forResponse(requestId, reply.delivery().extraHeaders());
        switch (reply.kind()) {
            case HANG -> server.park(exchange);
            case DISCONNECT_BEFORE_BODY -> {
                Responses.prepare(exchange, 200, request.isStreaming() ? SSE : JSON, headers);
                Responses.sendHeadersThenDisconnect(exchange);
            }
            case ERROR -> sendError(exchange, reply.error(), requestId, headers);
            case MESSAGE -> sendMessage(exchange, request, reply, requestId, headers);
        }
    }

    /** Sends {@code {"type":"error","error":{...},"request_id":...}} with the error's status. */
    static void sendError(HttpServerExchange exchange, AnthropicReply.ApiError error, String requestId,
            Map<String, String> headers) throws IOException {
        ObjectNode body = errorEvent(error);
        body.put("request_id", requestId);
        Responses.send(exchange, error.status(), JSON, headers, Json.bytes(body));
    }

    private void sendMessage(HttpServerExchange exchange, RecordedRequest request, AnthropicReply reply,
            String requestId, Map<String, String> headers) throws IOException, InterruptedException {
        MessageScript script = reply.scriptFor(request.bodyJson());
        String model = request.modelId() != null ? request.modelId() : "claude-sonnet-4-5-20250929";
        String messageId = Ids.anthropicMessageId();
        if (request.isStreaming()) {
            List<byte[]> events = sseEvents(script, messageId, model, reply.error());
            Responses.prepare(exchange, 200, SSE, headers);
            exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
            EventPlayback.play(exchange, events.size(), events::get, reply.delivery());
        } else if (reply.error() != null) {
            sendError(exchange, reply.error(), requestId, headers);
        } else if (reply.delivery().disconnects()) {
            Responses.sendTruncated(exchange, 200, JSON, headers, Json.bytes(script.toMessage(messageId, model)));
        } else {
            Responses.send(exchange, 200, JSON, headers, Json.bytes(script.toMessage(messageId, model)));
        }
    }

    /** The script's events with a {@code ping} after the first {@code content_block_start}, cut by any error. */
    private static List<byte[]> sseEvents(MessageScript script, String messageId, String model,
            AnthropicReply.ApiError error) {
        List<ObjectNode> events = new ArrayList<>(script.toEvents(messageId, model));
        events.add(Math.min(2, events.size()), Json.object().put("type", "ping"));
        if (error != null) {
            events = new ArrayList<>(events.subList(0, Math.min(error.afterEvents(), events.size())));
            events.add(errorEvent(error));
        }
        return events.stream().map(AnthropicResponder::sse).toList();
    }

    private static ObjectNode errorEvent(AnthropicReply.ApiError error) {
        ObjectNode event = Json.object().put("type", "error");
        event.putObject("error").put("type", error.type()).put("message", error.message());
        return event;
    }

    /** One SSE block: {@code event: <type>\ndata: <json>\n\n}. */
    static byte[] sse(ObjectNode event) {
        String block = "event: " + event.path("type").asText() + "\ndata: " + Json.text(event) + "\n\n";
        return block.getBytes(StandardCharsets.UTF_8);
    }
}
