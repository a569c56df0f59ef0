package dev.spillway.simulators;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The body of {@code GET /v1/models}: a fixed list of current Claude models in the API's list shape. */
final class AnthropicModels {

    private static final String[][] MODELS = {
        {"claude-opus-4-5-20251101", "Claude Opus 4.5", "2025-11-01T00:00:00Z"},
        {"claude-sonnet-4-5-20250929", "Claude Sonnet 4.5", "2025-09-29T00:00:00Z"},
        {"claude-haiku-4-5-20251001", "Claude Haiku 4.5", "2025-10-01T00:00:00Z"},
    };

    private AnthropicModels() {
    }

    static ObjectNode list() {
        ObjectNode list = Json.object();
        ArrayNode data = list.putArray("data");
        for (String[] model : MODELS) {
            data.addObject()
                    .put("type", "model")
                    .put("id", model[0])
                    .put("display_name", model[1])
                    .put("created_at", model[2]);
        }
        list.put("has_more", false);
        list.put("first_id", MODELS[0][0]);
        list.put("last_id", MODELS[MODELS.length - 1][0]);
        return list;
    }
}
