package dev.spillway.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** One content block of a scripted assistant message, in its three wire forms. */
sealed interface ScriptedBlock {

    /** The block as it appears in {@code content_block_start}: type and identity, no content yet. */
    ObjectNode emptyBlock();

    /** The {@code delta} objects of the block's {@code content_block_delta} events, in order. */
    List<ObjectNode> deltas();

    /** The block as it appears in a complete (non-streaming) message. */
    ObjectNode completeBlock();

    /** Characters of model output, used to estimate output tokens. */
    int outputLength();

    /** A {@code text} block streamed as {@code text_delta} pieces. */
    record Text(String text) implements ScriptedBlock {

        @Override
        public ObjectNode emptyBlock() {
            return Json.object().put("type", "text").put("text", "");
        }

        @Override
        public List<ObjectNode> deltas() {
            return TextPieces.split(text).stream()
                    .map(piece -> Json.object().put("type", "text_delta").put("text", piece))
                    .toList();
        }

        @Override
        public ObjectNode completeBlock() {
            return Json.object().put("type", "text").put("text", text);
        }

        @Override
        public int outputLength() {
            return text.length();
        }
    }

    /** A {@code tool_use} block whose input streams as {@code input_json_delta} pieces, the first one empty. */
    record ToolUse(String id, String name, String inputJson) implements ScriptedBlock {

        /** Rejects input that is not a JSON object, as the API only ever produces objects. */
        public ToolUse {
            if (!Json.parse(inputJson).isObject()) {
                throw new IllegalArgumentException("tool input must be a JSON object: " + inputJson);
            }
        }

        @Override
        public ObjectNode emptyBlock() {
            ObjectNode block = Json.object().put("type", "tool_use").put("id", id).put("name", name);
            block.set("input", Json.object());
            return block;
        }

        @Override
        public List<ObjectNode> deltas() {
            List<ObjectNode> deltas = new ArrayList<>();
            deltas.add(inputDelta(""));
            TextPieces.split(inputJson).forEach(piece -> deltas.add(inputDelta(piece)));
            return deltas;
        }

        private static ObjectNode inputDelta(String partialJson) {
            return Json.object().put("type", "input_json_delta").put("partial_json", partialJson);
        }

        @Override
        public ObjectNode completeBlock() {
            ObjectNode block = Json.object().put("type", "tool_use").put("id", id).put("name", name);
            JsonNode input = Json.parse(inputJson);
            block.set("input", input);
            return block;
        }

        @Override
        public int outputLength() {
            return name.length() + inputJson.length();
        }
    }

    /** A {@code thinking} block: {@code thinking_delta} pieces, then one {@code signature_delta}. */
    record Thinking(String thinking, String signature) implements ScriptedBlock {

        @Override
        public ObjectNode emptyBlock() {
            return Json.object().put("type", "thinking").put("thinking", "").put("signature", "");
        }

        @Override
        public List<ObjectNode> deltas() {
            List<ObjectNode> deltas = new ArrayList<>();
            TextPieces.split(thinking).forEach(
                    piece -> deltas.add(Json.object().put("type", "thinking_delta").put("thinking", piece)));
            deltas.add(Json.object().put("type", "signature_delta").put("signature", signature));
            return deltas;
        }

        @Override
        public ObjectNode completeBlock() {
            return Json.object().put("type", "thinking").put("thinking", thinking).put("signature", signature);
        }

        @Override
        public int outputLength() {
            return thinking.length();
        }
    }
}
