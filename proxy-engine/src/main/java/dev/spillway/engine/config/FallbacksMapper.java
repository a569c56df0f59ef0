package dev.spillway.engine.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * LiteLLM's {@code fallbacks: [{"claude-sonnet": ["bedrock/claude-sonnet"]}, …]}: a list of single-key maps from a
 * model group to the groups tried after it, in order. Every group named must be a {@code model_name} of
 * {@code model_list}, written exactly the same (wildcards included).
 */
final class FallbacksMapper {

    private static final String EXPECTED =
            "a list of {model group: [fallback groups]} maps, e.g. [{claude-sonnet: [bedrock/claude-sonnet]}]";
    private static final String ITEM_EXPECTED =
            "a map with one model group and its fallback groups, e.g. {claude-sonnet: [bedrock/claude-sonnet]}";

    private final Set<String> groups;

    /** @param groups the {@code model_name}s of {@code model_list}, in file order */
    FallbacksMapper(Set<String> groups) {
        this.groups = groups;
    }

    /** The fallbacks of {@code node}; empty if the key is not set. */
    Optional<Map<String, List<String>>> read(ConfigNode node) {
        if (!node.isSet()) {
            return Optional.empty();
        }
        Map<String, List<String>> fallbacks = new LinkedHashMap<>();
        Map<String, String> definedAt = new LinkedHashMap<>();
        for (ConfigNode item : node.elements(EXPECTED)) {
            Map<String, ConfigNode> entries = item.requireMap(ITEM_EXPECTED).entries(ITEM_EXPECTED);
            if (entries.size() != 1) {
                throw item.expected(ITEM_EXPECTED + " (one group per list item)");
            }
            Map.Entry<String, ConfigNode> entry = entries.entrySet().iterator().next();
            String group = entry.getKey();
            requireKnown(item, group);
            String earlier = definedAt.putIfAbsent(group, item.path());
            if (earlier != null) {
                throw item.error("fallbacks for \"" + group + "\" are already defined at " + earlier);
            }
            fallbacks.put(group, targets(entry.getValue(), group));
        }
        return Optional.of(fallbacks);
    }

    private List<String> targets(ConfigNode list, String group) {
        if (!list.isSet()) {
            return List.of();
        }
        List<String> targets = new ArrayList<>();
        for (ConfigNode element : list.elements("a list of model groups to try after \"" + group + "\"")) {
            String target = element.requiredString("a model group name").trim();
            requireKnown(element, target);
            if (target.equals(group)) {
                throw element.error("\"" + group + "\" cannot fall back to itself");
            }
            if (targets.contains(target)) {
                throw element.error("\"" + target + "\" is listed twice");
            }
            targets.add(target);
        }
        return targets;
    }

    private void requireKnown(ConfigNode at, String group) {
        if (!groups.contains(group)) {
            throw at.error("model group \"" + group + "\" is not a model_name in model_list; known groups: "
                    + groups.stream().map(g -> "\"" + g + "\"").collect(Collectors.joining(", ")));
        }
    }
}
