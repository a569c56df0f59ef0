package dev.spillway.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The top level of a config file: checks its keys and hands each section to its mapper. */
final class SpillwayConfigMapper {

    private static final String EXAMPLE = "model_list: [{model_name: claude-sonnet, litellm_params: "
            + "{model: anthropic/claude-sonnet-4-5-20250929}}]";

    private static final SectionKeys TOP_LEVEL_KEYS = new SectionKeys(
            Set.of("model_list", "router_settings", "litellm_settings", "general_settings", "environment_variables",
                    "spillway_settings"),
            Set.of("credential_list", "callback_settings", "include", "guardrails", "mcp_servers", "mcp_tools",
                    "prompts", "vector_store_registry", "search_tools", "files_settings", "finetune_settings",
                    "assistant_settings", "agent_list", "model_group_settings"),
            List.of());

    private SpillwayConfigMapper() {}

    static SpillwayConfig map(JsonNode tree, Optional<Path> source, ConfigContext context) {
        ConfigNode root = ConfigNode.root(context, tree);
        if (!root.isSet()) {
            throw context.error("", "the file is empty; it needs at least a model_list, e.g. " + EXAMPLE);
        }
        if (!root.isMap()) {
            throw root.expected("a map of settings at the top level (model_list, router_settings, ...)");
        }
        TOP_LEVEL_KEYS.warnAboutIgnoredKeys(root, "a map of settings");
        context.addLowestPriorityVariables(environmentVariables(root.get("environment_variables")));

        ConfigNode modelList = root.get("model_list");
        if (!modelList.isSet()) {
            throw context.error("", "no model_list; it is required and names the models clients may ask for, e.g. "
                    + EXAMPLE);
        }
        List<DeploymentConfig> deployments = DeploymentMapper.readAll(modelList);
        Set<String> groups = new LinkedHashSet<>();
        deployments.forEach(d -> groups.add(d.modelName()));

        RouterSettings router =
                RouterSettingsMapper.read(root.get("router_settings"), root.get("litellm_settings"), groups);
        GeneralSettings general = GeneralSettingsMapper.read(root.get("general_settings"));
        CacheSettings cache = CacheSettingsMapper.read(root.get("litellm_settings"));
        AppSettings app = AppSettingsMapper.read(root.get("spillway_settings"));
        return new SpillwayConfig(source, deployments, router, general, cache, app, context.warnings());
    }

    /**
     * {@code environment_variables}: name → value, added below the real environment and {@code .env}. The values
     * may themselves use {@code os.environ/}, resolved against those two.
     */
    private static Map<String, String> environmentVariables(ConfigNode node) {
        Map<String, String> variables = new LinkedHashMap<>();
        node.asSecret().entries("a map of variable name to value, e.g. {AWS_PROFILE: work}")
                .forEach((name, value) -> value.optionalString().ifPresent(v -> variables.put(name, v)));
        return variables;
    }
}
