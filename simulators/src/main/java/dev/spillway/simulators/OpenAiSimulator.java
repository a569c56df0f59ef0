package dev.spillway.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.util.Map;

/**
 * A local stand-in for an OpenAI-compatible API ({@code https://api.openai.com/v1}, OpenRouter, Groq, DeepSeek,
 * Ollama's {@code /v1}), scripted like OkHttp's MockWebServer.
 *
 * <p>Serves, under any path prefix ({@code /v1}, none, or e.g. OpenRouter's {@code /api/v1}):
 * <ul>
 *   <li>{@code POST .../chat/completions} and the legacy {@code POST .../completions}, both from the queue of
 *       {@linkplain #enqueue enqueued} replies, falling back to the {@linkplain #setDefaultReply default reply}
 *       ({@link OpenAiReply#echo()} unless changed). A body that is not a JSON object, has no {@code model}, or lacks
 *       {@code messages} (chat) or {@code prompt} (legacy) gets the API's 400 and consumes no reply;</li>
 *   <li>{@code GET .../models}, a fixed list of models.</li>
 * </ul>
 * Anything else is a 404 {@code Invalid URL (METHOD /path)}. Every request, answered or refused, is recorded for
 * {@link #takeRequest()}, with its {@code model} and {@code stream} flag.
 *
 * <pre>{@code
 * try (OpenAiSimulator openAi = OpenAiSimulator.start()) {
 *     openAi.enqueue(OpenAiReply.toolCalls(new OpenAiReply.ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}")));
 *     // ... point the code under test at openAi.baseUrl() + "/v1" ...
 *     RecordedRequest request = openAi.takeRequest();
 * }
 * }</pre>
 */
public final class OpenAiSimulator extends RecordingSimulator<OpenAiReply> {

    private final OpenAiCredentials credentials = new OpenAiCredentials();
    private final OpenAiResponder responder;

    private OpenAiSimulator() {
        super("openai-simulator", OpenAiReply.echo());
        this.responder = new OpenAiResponder(server);
    }

    /** Starts a simulator on {@code 127.0.0.1} with an ephemeral port. */
    public static OpenAiSimulator start() {
        return new OpenAiSimulator();
    }

    /**
     * From now on, answers every route with 401 unless the request has {@code Authorization: Bearer <key>}: code
     * {@code invalid_api_key} with the presented key masked ({@code Incorrect API key provided: sk-test-****abcd.})
     * for a wrong key, no code for a missing one. {@code null} turns the check off.
     */
    public void requireApiKey(String key) {
        credentials.require(key);
    }

    @Override
    void handle(HttpServerExchange exchange, byte[] body) throws IOException, InterruptedException {
        RecordedRequest request = RecordedRequest.of(exchange, body);
        JsonNode json = request.bodyJson();
        boolean object = json != null && json.isObject();
        request = request.withModel(object ? json.path("model").textValue() : null,
                object && json.path("stream").asBoolean(false));
        journal.record(request);

        OpenAiRoute route = OpenAiRoute.match(request.method(), exchange.getRequestPath());
        OpenAiError refusal = credentials.rejectionOf(request);
        if (refusal == null && route == null) {
            refusal = OpenAiError.invalidUrl(request.method(), exchange.getRequestPath());
        }
        if (refusal == null && route != OpenAiRoute.MODELS) {
            refusal = bodyViolation(route, object ? json : null);
        }
        if (refusal != null) {
            OpenAiResponder.sendError(exchange, refusal, OpenAiHeaders.forResponse(Ids.openAiRequestId(), Map.of()));
        } else if (route == OpenAiRoute.MODELS) {
            OpenAiResponder.sendJson(exchange, OpenAiModels.list());
        } else {
            responder.respond(exchange, request, route, replies.next());
        }
    }

    /** The 400 a completions body gets, or {@code null} if it is acceptable. */
    private static OpenAiError bodyViolation(OpenAiRoute route, JsonNode json) {
        if (json == null) {
            return OpenAiError.unparsableBody();
        }
        if (!json.path("model").isTextual()) {
            return OpenAiError.missingModel();
        }
        String required = route == OpenAiRoute.CHAT_COMPLETIONS ? "messages" : "prompt";
        return json.hasNonNull(required) ? null : OpenAiError.missingParameter(required);
    }
}
