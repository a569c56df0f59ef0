package dev.spillway.simulators;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The body of {@code GET /v1/models}: a fixed list of OpenAI models in the API's list shape. */
final class OpenAiModels {

    private record Model(String id, long created) {
    }

    private static final List<Model> MODELS = List.of(
            new Model("gpt-4o", 1715367049L),
            new Model("gpt-4o-mini", 1721172741L),
            new Model("gpt-4.1", 1744316542L),
            new Model("o4-mini", 1744225351L),
            new Model("gpt-3.5-turbo-instruct", 1692901427L));

    private OpenAiModels() {
    }

    /** {@code {"object":"list","data":[{"id":...,"object":"model","created":...,"owned_by":"system"}, ...]}}. */
    static ObjectNode list() {
        ObjectNode list = Json.object().put("object", "list");
        ArrayNode data = list.putArray("data");
        for (Model model : MODELS) {
            data.addObject()
                    .put("id", model.id())
                    .put("object", "model")
                    .put("created", model.created())
                    .put("owned_by", "system");
        }
        return list;
    }
}
