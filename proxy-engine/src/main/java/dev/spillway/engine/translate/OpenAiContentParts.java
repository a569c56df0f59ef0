package dev.spillway.engine.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * OpenAI message content (a string or an array of content parts) as Anthropic content blocks. Empty text is left
 * out (Anthropic rejects empty text blocks); a {@code cache_control} on a part is kept, for clients that send
 * Anthropic prompt-caching hints through OpenAI-format requests.
 */
final class OpenAiContentParts {

    /** Which part types a role may send, beside {@code text}. */
    enum Allowed { TEXT, TEXT_AND_IMAGES, TEXT_AND_REFUSALS }

    private static final Set<String> IMAGE_MEDIA_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");

    private OpenAiContentParts() {
    }

    /**
     * @param content the message's {@code content}: a string, an array of parts, or absent / null (no blocks)
     * @param path the content's path in the request, e.g. {@code messages[3].content}
     */
    static List<ObjectNode> blocks(JsonNode content, String path, Allowed allowed) {
        List<ObjectNode> blocks = new ArrayList<>();
        if (content == null || content.isNull()) {
            return blocks;
        }
        if (content.isTextual()) {
            addText(blocks, content.asText(), null);
            return blocks;
        }
        if (!content.isArray()) {
            throw new TranslationException(path, "must be a string or an array of content parts");
        }
        for (int j = 0; j < content.size(); j++) {
            String partPath = path + "[" + j + "]";
            JsonNode part = content.get(j);
            if (!part.isObject()) {
                throw new TranslationException(partPath, "must be a content part object");
            }
            String type = part.path("type").asText("");
            if (type.equals("text")) {
                JsonNode text = part.get("text");
                if (text == null || !text.isTextual()) {
                    throw new TranslationException(partPath + ".text", "must be a string");
                }
                addText(blocks, text.asText(), part.get("cache_control"));
            } else if (type.equals("image_url") && allowed == Allowed.TEXT_AND_IMAGES) {
                blocks.add(image(part, partPath));
            } else if (type.equals("refusal") && allowed == Allowed.TEXT_AND_REFUSALS) {
                addText(blocks, part.path("refusal").asText(""), null);
            } else {
                throw new TranslationException(partPath + ".type", unsupported(type, allowed));
            }
        }
        return blocks;
    }

    static ObjectNode text(String text) {
        ObjectNode block = Json.object();
        block.put("type", "text");
        block.put("text", text);
        return block;
    }

    private static void addText(List<ObjectNode> blocks, String text, JsonNode cacheControl) {
        if (text.isEmpty()) {
            return;
        }
        ObjectNode block = text(text);
        if (cacheControl != null && cacheControl.isObject()) {
            block.set("cache_control", cacheControl.deepCopy());
        }
        blocks.add(block);
    }

    private static String unsupported(String type, Allowed allowed) {
        return switch (type) {
            case "input_audio" -> "audio input is not supported for Anthropic models; send the transcript as text";
            case "file" -> "file parts are not supported for Anthropic models through this gateway; send the "
                    + "document's text as a text part";
            case "image_url" -> "images are accepted only in user messages";
            case "" -> "a content part needs a type";
            default -> "content part type '" + type + "' is not supported here; "
                    + (allowed == Allowed.TEXT_AND_IMAGES ? "use text or image_url parts" : "use text parts");
        };
    }

    private static ObjectNode image(JsonNode part, String partPath) {
        JsonNode imageUrl = part.get("image_url");
        String urlPath = partPath + ".image_url.url";
        String url = imageUrl == null ? null
                : imageUrl.isTextual() ? imageUrl.asText() : imageUrl.path("url").asText(null);
        if (url == null || url.isEmpty()) {
            throw new TranslationException(urlPath, "is required");
        }
        ObjectNode block = Json.object();
        block.put("type", "image");
        ObjectNode source = block.putObject("source");
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("data:")) {
            dataUrl(url, urlPath, source);
        } else if (lower.startsWith("https://") || lower.startsWith("http://")) {
            source.put("type", "url");
            source.put("url", url);
        } else {
            throw new TranslationException(urlPath, "must be a base64 data: URL or an http(s) URL");
        }
        JsonNode cacheControl = part.get("cache_control");
        if (cacheControl != null && cacheControl.isObject()) {
            block.set("cache_control", cacheControl.deepCopy());
        }
        return block;
    }

    /** {@code data:image/png;base64,iVBOR...} as a base64 image source. */
    private static void dataUrl(String url, String urlPath, ObjectNode source) {
        int comma = url.indexOf(',');
        if (comma < 0) {
            throw new TranslationException(urlPath, "is not a valid data: URL (no comma before the data)");
        }
        String[] meta = url.substring("data:".length(), comma).split(";");
        String mediaType = meta[0].trim().toLowerCase(Locale.ROOT);
        if (mediaType.equals("image/jpg")) {
            mediaType = "image/jpeg";
        }
        boolean base64 = false;
        for (int k = 1; k < meta.length; k++) {
            base64 |= meta[k].trim().equalsIgnoreCase("base64");
        }
        if (!base64) {
            throw new TranslationException(urlPath, "data: URLs must be base64-encoded (data:image/png;base64,...)");
        }
        if (!IMAGE_MEDIA_TYPES.contains(mediaType)) {
            throw new TranslationException(urlPath, "image type '" + mediaType + "' is not supported by Anthropic "
                    + "models; send image/jpeg, image/png, image/gif or image/webp");
        }
        String data = url.substring(comma + 1);
        if (data.isEmpty()) {
            throw new TranslationException(urlPath, "the data: URL holds no data");
        }
        source.put("type", "base64");
        source.put("media_type", mediaType);
        source.put("data", data);
    }
}
