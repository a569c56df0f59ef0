package dev.spillway.simulators;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The streamed form of tool calls: per call an opening {@code {"index":i,"id":...,"type":"function","function":
 * {"name":...,"arguments":""}}} followed by argument fragments {@code {"index":i,"function":{"arguments":...}}}.
 *
 * <p>Parallel calls are interleaved round-robin (all openings, then the first fragment of each call, and so on), so
 * that a client which assumes one call finishes before the next begins gets caught. Each element is one entry of a
 * delta's {@code tool_calls} array.
 */
final class ToolCallDeltas {

    private ToolCallDeltas() {
    }

    static List<ObjectNode> interleaved(List<OpenAiReply.ToolCall> calls) {
        List<List<ObjectNode>> perCall = new ArrayList<>();
        for (int index = 0; index < calls.size(); index++) {
            perCall.add(sequence(index, calls.get(index)));
        }
        List<ObjectNode> merged = new ArrayList<>();
        for (int round = 0; merged.size() < perCall.stream().mapToInt(List::size).sum(); round++) {
            for (List<ObjectNode> sequence : perCall) {
                if (round < sequence.size()) {
                    merged.add(sequence.get(round));
                }
            }
        }
        return merged;
    }

    private static List<ObjectNode> sequence(int index, OpenAiReply.ToolCall call) {
        List<ObjectNode> sequence = new ArrayList<>();
        ObjectNode opening = Json.object().put("index", index).put("id", call.id()).put("type", "function");
        opening.putObject("function").put("name", call.name()).put("arguments", "");
        sequence.add(opening);
        for (String fragment : ChatCompletionRender.pieces(call.argumentsJson())) {
            ObjectNode entry = Json.object().put("index", index);
            entry.putObject("function").put("arguments", fragment);
            sequence.add(entry);
        }
        return sequence;
    }
}
