package dev.spillway.engine.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.json.Json;
import dev.spillway.engine.request.ClientRequest;
import dev.spillway.engine.request.Dialect;
import dev.spillway.engine.request.Operation;
import dev.spillway.engine.upstream.UpstreamResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Carries one call across dialects: the request into the upstream's, the answer back into the client's. */
public final class Translations {

    private Translations() {
    }

    /**
     * The request as the upstream must receive it.
     *
     * @throws TranslationException if it cannot be expressed there without changing its meaning
     */
    public static ClientRequest request(ClientRequest request, Dialect upstream, String upstreamModel,
            Consumer<ObjectNode> adapt) {
        Operation operation = request.operation();
        if (operation == Operation.CHAT_COMPLETIONS && upstream == Dialect.ANTHROPIC) {
            ObjectNode body = OpenAiToAnthropicRequest.translate(request.jsonCopy(), upstreamModel);
            adapt.accept(body);
            return request.withBody(Operation.MESSAGES, Json.bytes(body), upstreamModel);
        }
        if (operation == Operation.MESSAGES && upstream == Dialect.OPENAI) {
            ObjectNode body = AnthropicToOpenAiRequest.translate(request.jsonCopy(), upstreamModel);
            adapt.accept(body);
            return request.withBody(Operation.CHAT_COMPLETIONS, Json.bytes(body), upstreamModel);
        }
        if (operation == Operation.COMPLETIONS && upstream == Dialect.ANTHROPIC) {
            ObjectNode chat = LegacyCompletions.toChatRequest(request.jsonCopy());
            ObjectNode body = OpenAiToAnthropicRequest.translate(chat, upstreamModel);
            adapt.accept(body);
            return request.withBody(Operation.MESSAGES, Json.bytes(body), upstreamModel);
        }
        return request; // count_tokens: the OpenAI-compatible provider answers 404, and Claude Code counts itself
    }

    /** The upstream's answer as the client must receive it. */
    public static UpstreamResponse response(UpstreamResponse response, ClientRequest original, Dialect upstream) {
        Dialect client = original.dialect();
        if (client == upstream) {
            return response;
        }
        if (!response.isSuccess()) {
            return client == Dialect.OPENAI
                    ? ErrorTranslation.anthropicToOpenAi(response)
                    : ErrorTranslation.openAiToAnthropic(response);
        }
        if (response.isStreaming()) {
            TranslatingChunkSource stream = new TranslatingChunkSource(response.stream(),
                    streamTranslator(original, client));
            UpstreamResponse translated = UpstreamResponse.streaming(response.status(), streamHeaders(response),
                    stream, response.needsKeepAlive());
            return response.firstChunk() == null ? translated
                    : translated.withFirstChunk(stream.translate(response.firstChunk()));
        }
        JsonNode body = parse(response.body());
        ObjectNode translated = client == Dialect.OPENAI
                ? AnthropicToOpenAiResponse.translate(body, original.model(), openAiId(original))
                : OpenAiToAnthropicResponse.translate(body, original.model());
        if (original.operation() == Operation.COMPLETIONS) {
            translated = LegacyCompletions.toLegacyResponse(translated);
        }
        return UpstreamResponse.complete(response.status(), jsonHeaders(response), Json.bytes(translated));
    }

    private static StreamTranslator streamTranslator(ClientRequest original, Dialect client) {
        if (client == Dialect.OPENAI) {
            boolean includeUsage = original.jsonCopy().path("stream_options").path("include_usage").asBoolean(false);
            StreamTranslator chat = new AnthropicToOpenAiStream(original.model(), openAiId(original), includeUsage);
            return original.operation() == Operation.COMPLETIONS ? LegacyCompletions.legacyStream(chat) : chat;
        }
        return new OpenAiToAnthropicStream(original.model(), "msg_" + original.requestId().replace("req_", ""));
    }

    private static String openAiId(ClientRequest original) {
        return "chatcmpl-" + original.requestId().replace("req_", "");
    }

    private static JsonNode parse(byte[] body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("the upstream's answer is not JSON", e);
        }
    }

    private static Map<String, List<String>> jsonHeaders(UpstreamResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>(response.headers());
        headers.put("content-type", List.of("application/json"));
        return headers;
    }

    private static Map<String, List<String>> streamHeaders(UpstreamResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>(response.headers());
        headers.put("content-type", List.of("text/event-stream; charset=utf-8"));
        headers.put("cache-control", List.of("no-cache"));
        return headers;
    }
}
