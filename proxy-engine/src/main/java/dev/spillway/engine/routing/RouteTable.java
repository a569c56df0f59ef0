package dev.spillway.engine.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Model groups and their fallbacks. An exact group name wins over a pattern; among patterns the one with the longest
 * literal prefix wins, then the one listed first.
 */
public final class RouteTable {

    private final Map<String, ModelGroup> groups;
    private final List<ModelGroup> patterns;
    private final Map<String, List<String>> fallbacks;
    private final Map<String, List<String>> contextWindowFallbacks;
    private final Map<String, List<String>> contentPolicyFallbacks;

    public RouteTable(List<Deployment> deployments, Map<String, List<String>> fallbacks) {
        this(deployments, fallbacks, Map.of(), Map.of());
    }

    public RouteTable(List<Deployment> deployments, Map<String, List<String>> fallbacks,
            Map<String, List<String>> contextWindowFallbacks, Map<String, List<String>> contentPolicyFallbacks) {
        Map<String, List<Deployment>> byName = new LinkedHashMap<>();
        for (Deployment d : deployments) {
            byName.computeIfAbsent(d.config().modelName(), k -> new ArrayList<>()).add(d);
        }
        Map<String, ModelGroup> built = new LinkedHashMap<>();
        byName.forEach((name, list) -> built.put(name, new ModelGroup(name, list)));
        this.groups = built;
        this.patterns = built.values().stream()
                .filter(ModelGroup::isWildcard)
                .sorted(Comparator.comparingInt(ModelGroup::literalPrefixLength).reversed())
                .toList();
        this.fallbacks = Map.copyOf(fallbacks);
        this.contextWindowFallbacks = Map.copyOf(contextWindowFallbacks);
        this.contentPolicyFallbacks = Map.copyOf(contentPolicyFallbacks);
    }

    public Optional<GroupMatch> resolve(String model) {
        ModelGroup exact = groups.get(model);
        if (exact != null && !exact.isWildcard()) {
            return Optional.of(new GroupMatch(exact, model, List.of()));
        }
        for (ModelGroup pattern : patterns) {
            Optional<List<String>> captures = pattern.match(model);
            if (captures.isPresent()) {
                return Optional.of(new GroupMatch(pattern, model, captures.get()));
            }
        }
        return Optional.empty();
    }

    /**
     * The groups to try after {@code primary}, in order. A wildcard fallback group keeps the client's model name, so
     * {@code claude-*} falling back to {@code bedrock/claude-*} asks Bedrock for the same model.
     */
    public List<GroupMatch> fallbacksOf(GroupMatch primary) {
        return fallbacksOf(primary, fallbacks);
    }

    /** The groups to try after {@code failed} answered "prompt too long" ({@code context_window_fallbacks}). */
    public List<GroupMatch> contextWindowFallbacksOf(GroupMatch failed) {
        return fallbacksOf(failed, contextWindowFallbacks);
    }

    /** The groups to try after {@code failed} refused on content policy ({@code content_policy_fallbacks}). */
    public List<GroupMatch> contentPolicyFallbacksOf(GroupMatch failed) {
        return fallbacksOf(failed, contentPolicyFallbacks);
    }

    private List<GroupMatch> fallbacksOf(GroupMatch primary, Map<String, List<String>> lists) {
        List<GroupMatch> result = new ArrayList<>();
        for (String name : lists.getOrDefault(primary.group().name(), List.of())) {
            ModelGroup group = groups.get(name);
            if (group == null || group == primary.group()) {
                continue;
            }
            List<String> captures = group.match(primary.requestedModel()).orElse(primary.captures());
            result.add(new GroupMatch(group, primary.requestedModel(), captures));
        }
        return result;
    }

    /** The groups {@code fallbacks} lists for the group named {@code groupName}, in order. */
    public List<ModelGroup> fallbackGroupsOf(String groupName) {
        List<ModelGroup> result = new ArrayList<>();
        for (String name : fallbacks.getOrDefault(groupName, List.of())) {
            ModelGroup group = groups.get(name);
            if (group != null && !name.equals(groupName)) {
                result.add(group);
            }
        }
        return result;
    }

    /** Every group name, in configuration order. */
    public List<String> groupNames() {
        return List.copyOf(groups.keySet());
    }

    public List<ModelGroup> groups() {
        return List.copyOf(groups.values());
    }
}
