package dev.spillway.simulators;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Renders a {@link BedrockReply}: an event stream, a message JSON, an exception, or a scripted fault. */
final class BedrockResponder {

    static final String EVENT_STREAM = "application/vnd.amazon.eventstream";
    static final String JSON = "application/json";

    private final SimulatorServer server;

    BedrockResponder(SimulatorServer server) {
        this.server = server;
    }

    void respond(HttpServerExchange exchange, RecordedRequest request, BedrockReply reply, long receivedAtNanos)
            throws IOException, InterruptedException {
        String requestId = Ids.awsRequestId();
        switch (reply.kind()) {
            case HANG -> server.park(exchange);
            case DISCONNECT_BEFORE_BODY -> {
                Responses.prepare(exchange, 200, request.isStreaming() ? EVENT_STREAM : JSON,
                        baseHeaders(requestId, reply));
                Responses.sendHeadersThenDisconnect(exchange);
            }
            case EXCEPTION -> reply.error().send(exchange, requestId, reply.delivery().extraHeaders());
            case MESSAGE -> {
                MessageScript script = reply.scriptFor(request.bodyJson());
                if (request.isStreaming()) {
                    stream(exchange, request, reply, script, requestId, receivedAtNanos);
                } else if (reply.error() != null) {
                    reply.error().send(exchange, requestId, reply.delivery().extraHeaders());
                } else {
                    invoke(exchange, request, reply, script, requestId, receivedAtNanos);
                }
            }
        }
    }

    private static void invoke(HttpServerExchange exchange, RecordedRequest request, BedrockReply reply,
            MessageScript script, String requestId, long receivedAtNanos) throws IOException {
        Map<String, String> headers = baseHeaders(requestId, reply);
        TokenUsage usage = script.usage();
        headers.put("X-Amzn-Bedrock-Invocation-Latency", Long.toString(millisSince(receivedAtNanos)));
        headers.put("X-Amzn-Bedrock-Output-Token-Count", Integer.toString(usage.outputTokens()));
        headers.put("X-Amzn-Bedrock-Input-Token-Count", Integer.toString(usage.inputTokens()));
        if (usage.cacheReadTokens() > 0 || usage.cacheWriteTokens() > 0) {
            headers.put("X-Amzn-Bedrock-Cache-Read-Input-Token-Count", Integer.toString(usage.cacheReadTokens()));
            headers.put("X-Amzn-Bedrock-Cache-Write-Input-Token-Count", Integer.toString(usage.cacheWriteTokens()));
        }
        byte[] body = Json.bytes(script.toMessage(Ids.bedrockMessageId(), request.modelId()));
        if (reply.delivery().disconnects()) {
            Responses.sendTruncated(exchange, 200, JSON, headers, body);
        } else {
            Responses.send(exchange, 200, JSON, headers, body);
        }
    }

    private static void stream(HttpServerExchange exchange, RecordedRequest request, BedrockReply reply,
            MessageScript script, String requestId, long receivedAtNanos) throws IOException, InterruptedException {
        BedrockStreamBody body = new BedrockStreamBody(script, Ids.bedrockMessageId(), request.modelId(),
                reply.error(), reply.errorAfterEvents(), receivedAtNanos);
        Map<String, String> headers = baseHeaders(requestId, reply);
        headers.put("X-Amzn-Bedrock-Content-Type", JSON);
        Responses.prepare(exchange, 200, EVENT_STREAM, headers);
        EventPlayback.play(exchange, body.frameCount(), body, reply.delivery());
    }

    private static Map<String, String> baseHeaders(String requestId, BedrockReply reply) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amzn-RequestId", requestId);
        headers.putAll(reply.delivery().extraHeaders());
        return headers;
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
