package dev.spillway.engine.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code model_list} → {@link DeploymentConfig}s, in file order. */
final class DeploymentMapper {

    static final String ENTRY_EXPECTED = "a map with model_name and litellm_params";
    private static final String PARAMS_EXPECTED = "a map of parameters with at least model, e.g. "
            + "{model: anthropic/claude-sonnet-4-5-20250929}";

    private static final SectionKeys ENTRY_KEYS =
            new SectionKeys(Set.of("model_name", "litellm_params", "model_info"), Set.of(), List.of());

    /** Keys Spillway reads for every provider. */
    private static final Set<String> COMMON_PARAMS =
            Set.of("model", "custom_llm_provider", "api_key", "api_base", "timeout");

    /**
     * Legal LiteLLM per-deployment parameters Spillway does not interpret; they are kept in
     * {@link DeploymentConfig#extraParams()} without a warning.
     */
    private static final Set<String> PASS_THROUGH_PARAMS = Set.of(
            // routing and limits
            "rpm", "tpm", "weight", "order", "stream_timeout", "max_parallel_requests", "cooldown_time",
            "max_retries", "num_retries", "tags", "use_in_pass_through", "use_litellm_proxy",
            // provider connection
            "api_version", "region_name", "organization", "extra_headers", "headers", "extra_body",
            "supports_reasoning",
            "litellm_credential_name", "vertex_project", "vertex_location", "vertex_credentials", "azure_ad_token",
            "tenant_id", "client_id", "client_secret", "azure_username", "azure_password", "azure_scope",
            "deployment_id", "configurable_clientside_auth_params", "merge_reasoning_content_in_choices",
            // cost
            "input_cost_per_token", "output_cost_per_token", "input_cost_per_second", "output_cost_per_second",
            "cache_read_input_token_cost", "cache_creation_input_token_cost", "base_model",
            // request defaults
            "max_tokens", "max_completion_tokens", "temperature", "top_p", "top_k", "n", "stop", "seed",
            "presence_penalty", "frequency_penalty", "logit_bias", "user", "response_format", "tools",
            "tool_choice", "parallel_tool_calls", "thinking", "reasoning_effort", "stream", "metadata",
            "drop_params", "additional_drop_params", "cache_control_injection_points", "mock_response");

    /** All of the above, for "did you mean" hints. */
    private static final SectionKeys PARAM_KEYS =
            new SectionKeys(union(COMMON_PARAMS, AwsSettingsMapper.KEYS, PASS_THROUGH_PARAMS), Set.of(), List.of());

    private static final SectionKeys MODEL_INFO_KEYS = new SectionKeys(
            Set.of("id", "mode", "base_model", "input_cost_per_token", "output_cost_per_token",
                    "cache_read_input_token_cost", "cache_creation_input_token_cost", "max_tokens",
                    "max_input_tokens", "description"),
            Set.of("max_output_tokens", "access_groups", "supported_environments", "health_check_model",
                    "health_check_timeout", "team_id", "team_public_model_name", "allowed_fails",
                    "allowed_fails_policy", "cooldown_time", "tier", "db_model", "litellm_provider",
                    "input_cost_per_second", "output_cost_per_second", "tpm", "rpm", "updated_at", "updated_by",
                    "created_at", "created_by"),
            List.of("supports_"));

    private DeploymentMapper() {}

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new HashSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return all;
    }

    static List<DeploymentConfig> readAll(ConfigNode modelList) {
        List<ConfigNode> entries = modelList.elements("a list of deployments (model_name + litellm_params)");
        if (entries.isEmpty()) {
            throw modelList.error("is empty; add at least one deployment, e.g. "
                    + "{model_name: claude-sonnet, litellm_params: {model: anthropic/claude-sonnet-4-5-20250929}}");
        }
        DeploymentIds ids = DeploymentIds.collect(entries);
        List<DeploymentConfig> deployments = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            deployments.add(read(entries.get(i), i, ids));
        }
        return deployments;
    }

    private static DeploymentConfig read(ConfigNode entry, int index, DeploymentIds ids) {
        entry.requireMap(ENTRY_EXPECTED);
        ENTRY_KEYS.warnAboutIgnoredKeys(entry, ENTRY_EXPECTED);
        String modelName = entry.get("model_name")
                .requiredString("the model group name clients send, e.g. claude-sonnet").trim();
        ConfigNode params = entry.get("litellm_params").requireMap(PARAMS_EXPECTED);
        ModelRef model = ModelRef.read(params.get("model"), params.get("custom_llm_provider"));
        Map<String, Object> extraParams = readOtherParams(params, model);

        Optional<String> apiKey = params.get("api_key").optionalString();
        Optional<URI> apiBase = apiBase(params, model);
        Optional<Duration> timeout = params.get("timeout").optionalSeconds(false);
        AwsSettings aws = model.isBedrock() ? AwsSettingsMapper.read(params) : AwsSettings.none();
        Map<String, String> bedrockModelIds =
                model.isBedrock() ? AwsSettingsMapper.readModelIds(params) : Map.of();

        ConfigNode modelInfo = entry.get("model_info");
        MODEL_INFO_KEYS.warnAboutIgnoredKeys(modelInfo, "a map such as {id: my-deployment}");
        String id = ids.idFor(index, modelName, model, apiBase);

        return new DeploymentConfig(modelName, model.provider(), model.model(), id, apiKey, apiBase, timeout, aws,
                bedrockModelIds, extraParams);
    }

    /** {@code api_base}, or for Bedrock also {@code aws_bedrock_runtime_endpoint} (api_base wins, as in LiteLLM). */
    private static Optional<URI> apiBase(ConfigNode params, ModelRef model) {
        Optional<URI> apiBase = params.get("api_base").optionalHttpUri();
        if (!model.isBedrock()) {
            return apiBase;
        }
        ConfigNode endpointNode = params.get(AwsSettingsMapper.RUNTIME_ENDPOINT);
        Optional<URI> endpoint = endpointNode.optionalHttpUri();
        if (apiBase.isPresent() && endpoint.isPresent()) {
            endpointNode.warn("ignored because api_base is also set (they are the same setting for Bedrock)");
            return apiBase;
        }
        return apiBase.isPresent() ? apiBase : endpoint;
    }

    /**
     * Sorts every {@code litellm_params} key Spillway does not read itself: legal LiteLLM parameters go to
     * {@code extraParams}, the rest get a warning. AWS keys are read for Bedrock, meaningless for Anthropic and
     * passed on for any other provider.
     */
    private static Map<String, Object> readOtherParams(ConfigNode params, ModelRef model) {
        Map<String, Object> extra = new LinkedHashMap<>();
        params.entries(PARAMS_EXPECTED).forEach((key, value) -> {
            boolean awsKey = AwsSettingsMapper.KEYS.contains(key) || AwsSettingsMapper.LITELLM_ONLY.contains(key);
            if (COMMON_PARAMS.contains(key)) {
                return;
            }
            if (awsKey && model.isBedrock()) {
                if (AwsSettingsMapper.LITELLM_ONLY.contains(key)) {
                    value.warn(SectionKeys.NOT_SUPPORTED);
                }
            } else if (awsKey && model.provider().equals(ModelRef.ANTHROPIC)) {
                value.warn("used only by bedrock/ deployments; ignored");
            } else if (awsKey || PASS_THROUGH_PARAMS.contains(key)) {
                Object plain = value.plainValue();
                if (plain != null) {
                    extra.put(key, plain);
                }
            } else {
                value.warn(PARAM_KEYS.unknownKeyMessage(key));
            }
        });
        return extra;
    }
}
