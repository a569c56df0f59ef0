package dev.spillway.engine.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * OpenAI's legacy {@code /v1/completions} (a prompt in, text out) carried over the Chat Completions translation, so
 * that prompt-style clients can use Claude models: the prompt becomes one user message, and the chat answer, whole or
 * streamed, becomes a {@code text_completion}.
 */
public final class LegacyCompletions {

    /** Fields that carry over to a chat request unchanged. */
    private static final Set<String> CARRIED = Set.of("model", "max_tokens", "temperature", "top_p", "stop", "stream",
            "stream_options", "user", "presence_penalty", "frequency_penalty", "seed", "logit_bias", "cache");

    private LegacyCompletions() {
    }

    /**
     * The chat request asking the same.
     *
     * @throws TranslationException for what a chat model cannot do: several prompts, {@code suffix}, {@code echo},
     *     {@code logprobs}, {@code best_of} / {@code n} above 1
     */
    public static ObjectNode toChatRequest(ObjectNode legacy) {
        ObjectNode chat = Json.object();
        for (Iterator<Map.Entry<String, JsonNode>> fields = legacy.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (name.equals("prompt")) {
                chat.putArray("messages").addObject().put("role", "user").put("content", promptText(value));
            } else if (CARRIED.contains(name)) {
                chat.set(name, value);
            } else if (!isDefault(name, value)) {
                throw new TranslationException(name, "is not supported when a legacy completion is served by a chat "
                        + "model; leave it out or use /v1/chat/completions");
            }
        }
        if (!chat.has("messages")) {
            throw new TranslationException("prompt", "is required");
        }
        return chat;
    }

    private static String promptText(JsonNode prompt) {
        if (prompt.isTextual()) {
            return prompt.asText();
        }
        if (prompt.isArray() && prompt.size() == 1 && prompt.get(0).isTextual()) {
            return prompt.get(0).asText();
        }
        throw new TranslationException("prompt", "must be one string here (several prompts, or token arrays, "
                + "need one request each)");
    }

    private static boolean isDefault(String name, JsonNode value) {
        return switch (name) {
            case "n", "best_of" -> value.isNull() || value.asInt(1) == 1;
            case "echo" -> value.isNull() || !value.asBoolean();
            case "logprobs", "suffix" -> value.isNull();
            default -> false;
        };
    }

    /** A {@code chat.completion} as a {@code text_completion}. */
    public static ObjectNode toLegacyResponse(JsonNode chat) {
        return toLegacy(chat, "message");
    }

    /** Wraps a translator producing chat chunks so it produces legacy completion chunks. */
    public static StreamTranslator legacyStream(StreamTranslator chatStream) {
        SseParser parser = new SseParser();
        return new StreamTranslator() {
            @Override
            public byte[] onEvent(SseEvent event) {
                return rewrite(parser, chatStream.onEvent(event));
            }

            @Override
            public byte[] onEnd() {
                return rewrite(parser, chatStream.onEnd());
            }
        };
    }

    private static byte[] rewrite(SseParser parser, byte[] chatChunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(chatChunks.length);
        for (SseEvent event : parser.feed(chatChunks)) {
            String data = event.data();
            String rewritten = data;
            if (!data.equals("[DONE]")) {
                try {
                    JsonNode chunk = Json.MAPPER.readTree(data);
                    rewritten = chunk.has("error") ? data
                            : new String(Json.bytes(toLegacy(chunk, "delta")), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    rewritten = data;
                }
            }
            out.writeBytes(("data: " + rewritten + "\n\n").getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /**
     * The legacy shape of a chat answer or chunk: each choice's text is its {@code message} (answer) or
     * {@code delta} (chunk) content.
     */
    private static ObjectNode toLegacy(JsonNode chat, String textHolder) {
        ObjectNode legacy = header(chat, "text_completion");
        ArrayNode choices = legacy.putArray("choices");
        for (JsonNode choice : chat.path("choices")) {
            choices.addObject()
                    .put("text", choice.path(textHolder).path("content").asText(""))
                    .put("index", choice.path("index").asInt(0))
                    .putNull("logprobs")
                    .set("finish_reason", choice.path("finish_reason"));
        }
        if (chat.has("usage")) {
            legacy.set("usage", chat.get("usage"));
        }
        return legacy;
    }

    private static ObjectNode header(JsonNode chat, String object) {
        ObjectNode legacy = Json.object();
        legacy.put("id", chat.path("id").asText("").replaceFirst("^chatcmpl-", "cmpl-"));
        legacy.put("object", object);
        legacy.set("created", chat.path("created"));
        legacy.set("model", chat.path("model"));
        return legacy;
    }
}
