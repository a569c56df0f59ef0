package dev.spillway.engine.translate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.engine.json.Json;
import dev.spillway.engine.upstream.AnthropicErrors;
import dev.spillway.engine.upstream.OpenAiErrors;
import dev.spillway.engine.upstream.UpstreamResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Error answers carried across dialects: the status and the message stay, the envelope becomes the client's. A body
 * that is not the expected JSON is kept as the message text.
 */
public final class ErrorTranslation {

    private ErrorTranslation() {
    }

    /** An Anthropic-format error answer, re-written in OpenAI's format. */
    public static UpstreamResponse anthropicToOpenAi(UpstreamResponse response) {
        JsonNode error = errorNode(response);
        String message = error.path("message").asText(response.bodyText());
        String type = OpenAiErrors.typeForAnthropic(error.path("type").asText(null));
        return withBody(response, OpenAiErrors.body(response.status(), type, message, null, null));
    }

    /** An OpenAI-format error answer, re-written in Anthropic's format. */
    public static UpstreamResponse openAiToAnthropic(UpstreamResponse response) {
        JsonNode error = errorNode(response);
        String message = error.path("message").asText(response.bodyText());
        return withBody(response, AnthropicErrors.body(AnthropicErrors.typeFor(response.status()), message,
                response.header("request-id").orElse(null)));
    }

    private static JsonNode errorNode(UpstreamResponse response) {
        try {
            return Json.MAPPER.readTree(response.body()).path("error");
        } catch (IOException | RuntimeException e) {
            return Json.object();
        }
    }

    private static UpstreamResponse withBody(UpstreamResponse response, byte[] body) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(response.headers());
        headers.remove(AnthropicErrors.GATEWAY_MADE_HEADER);
        headers.put("content-type", List.of("application/json"));
        return UpstreamResponse.complete(response.status(), headers, body);
    }
}
