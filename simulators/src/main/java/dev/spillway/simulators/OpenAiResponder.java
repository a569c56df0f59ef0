package dev.spillway.simulators;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders an {@link OpenAiReply} onto an exchange: SSE chunks, a JSON completion, an error, or a scripted fault. */
final class OpenAiResponder {

    static final String JSON = "application/json";
    static final String SSE = "text/event-stream; charset=utf-8";

    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

    private final SimulatorServer server;

    OpenAiResponder(SimulatorServer server) {
        this.server = server;
    }

    void respond(HttpServerExchange exchange, RecordedRequest request, OpenAiRoute route, OpenAiReply reply)
            throws IOException, InterruptedException {
        Map<String, String> headers = OpenAiHeaders.forResponse(Ids.openAiRequestId(), reply.delivery().extraHeaders());
        switch (reply.kind()) {
            case HANG -> server.park(exchange);
            case ERROR -> sendError(exchange, reply.error(), headers);
            case COMPLETION -> sendCompletion(exchange, request, route, reply, headers);
        }
    }

    /** Sends {@code {"error":{...}}} with the error's status. */
    static void sendError(HttpServerExchange exchange, OpenAiError error, Map<String, String> headers)
            throws IOException {
        Responses.send(exchange, error.status(), JSON, headers, Json.bytes(error.toBody()));
    }

    /** Sends {@code body} as a 200 JSON response with the standard headers. */
    static void sendJson(HttpServerExchange exchange, ObjectNode body) throws IOException {
        Map<String, String> headers = OpenAiHeaders.forResponse(Ids.openAiRequestId(), Map.of());
        Responses.send(exchange, 200, JSON, headers, Json.bytes(body));
    }

    private void sendCompletion(HttpServerExchange exchange, RecordedRequest request, OpenAiRoute route,
            OpenAiReply reply, Map<String, String> headers) throws IOException, InterruptedException {
        OpenAiScript script = reply.scriptFor(request.bodyJson());
        boolean chat = route == OpenAiRoute.CHAT_COMPLETIONS;
        String model = request.modelId();
        if (request.isStreaming()) {
            boolean includeUsage = request.bodyJson().path("stream_options").path("include_usage").asBoolean(false);
            OpenAiStamp stamp = chat ? OpenAiStamp.chat(model) : OpenAiStamp.text(model);
            List<ObjectNode> chunks = chat ? ChatCompletionRender.chunks(script, stamp, includeUsage)
                    : TextCompletionRender.chunks(script, stamp, includeUsage);
            List<byte[]> events = events(chunks, reply);
            Responses.prepare(exchange, 200, SSE, headers);
            exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
            EventPlayback.play(exchange, events.size(), events::get, reply.delivery());
        } else if (reply.error() != null) {
            sendError(exchange, reply.error(), headers);
        } else {
            ObjectNode completion = chat ? ChatCompletionRender.completion(script, OpenAiStamp.chat(model))
                    : TextCompletionRender.completion(script, OpenAiStamp.text(model));
            if (reply.delivery().disconnects()) {
                Responses.sendTruncated(exchange, 200, JSON, headers, Json.bytes(completion));
            } else {
                Responses.send(exchange, 200, JSON, headers, Json.bytes(completion));
            }
        }
    }

    /** The encoded chunks and {@code [DONE]}, or the first chunks and an error chunk for a mid-stream error. */
    private static List<byte[]> events(List<ObjectNode> chunks, OpenAiReply reply) {
        List<byte[]> events = new ArrayList<>();
        OpenAiError error = reply.error();
        int before = error == null ? chunks.size() : Math.min(reply.errorAfterChunks(), chunks.size());
        for (ObjectNode chunk : chunks.subList(0, before)) {
            events.add(data(chunk));
        }
        if (error == null) {
            events.add(DONE);
        } else {
            ObjectNode errorChunk = Json.object();
            errorChunk.set("error", error.toErrorObject());
            events.add(data(errorChunk));
        }
        return events;
    }

    /** One SSE event as OpenAI writes it: {@code data: <json>\n\n}, no {@code event:} line. */
    static byte[] data(ObjectNode chunk) {
        return ("data: " + Json.text(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
