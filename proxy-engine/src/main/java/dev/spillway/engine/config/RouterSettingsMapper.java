package dev.spillway.engine.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code router_settings} plus the few {@code litellm_settings} that overlap with it ({@code num_retries},
 * {@code request_timeout}, {@code fallbacks}); where both are set, router_settings wins, as in LiteLLM.
 */
final class RouterSettingsMapper {

    static final String EXPECTED = "a map of settings";

    private static final SectionKeys ROUTER_KEYS = new SectionKeys(
            Set.of("fallbacks", "num_retries", "timeout", "allowed_fails", "cooldown_time", "retry_after",
                    "retry_policy", "disable_cooldowns", "routing_strategy", "context_window_fallbacks",
                    "content_policy_fallbacks"),
            Set.of("routing_strategy_args", "model_group_alias", "default_fallbacks", "enable_pre_call_checks", "stream_timeout",
                    "max_fallbacks", "allowed_fails_policy", "model_group_retry_policy", "cache_responses",
                    "cache_kwargs", "caching_groups", "client_ttl", "polling_interval", "default_litellm_params",
                    "default_max_parallel_requests", "default_priority", "set_verbose", "debug_level",
                    "provider_budget_config", "enable_tag_filtering", "tag_filtering_match_any",
                    "optional_pre_call_checks", "router_general_settings", "alerting_config", "assistants_config",
                    "search_tools", "ignore_invalid_deployments", "model_group_affinity_config"),
            List.of("redis_"));

    private static final SectionKeys LITELLM_KEYS = new SectionKeys(
            Set.of("request_timeout", "num_retries", "fallbacks", "cache", "cache_params"),
            Set.of("drop_params", "modify_params", "callbacks", "success_callback", "failure_callback",
                    "service_callbacks", "input_callback", "callback_settings", "set_verbose",
                    "json_logs", "max_budget", "budget_duration", "turn_off_message_logging",
                    "redact_messages_in_exceptions", "redact_user_api_key_info", "force_ipv4", "max_end_user_budget",
                    "default_key_generate_params", "upperbound_key_generate_params", "key_generation_settings",
                    "default_team_settings", "default_internal_user_params", "max_internal_user_budget",
                    "internal_user_budget_duration", "context_window_fallbacks", "content_policy_fallbacks",
                    "default_fallbacks", "allowed_fails", "cooldown_time", "disable_cooldowns",
                    "enable_preview_features", "telemetry", "ssl_verify", "disable_end_user_cost_tracking",
                    "enable_anthropic_prompt_caching", "always_include_stream_usage",
                    "forward_llm_provider_auth_headers", "disable_add_prefix_to_prompt", "tag_budget_config",
                    "public_model_groups", "public_model_groups_links", "guardrails", "enable_json_schema_validation",
                    "return_response_headers", "model_group_settings", "log_raw_request_response",
                    "store_audit_logs", "disable_token_counter", "max_parallel_requests"),
            List.of("langfuse_", "prometheus_", "otel_", "datadog_", "s3_", "gcs_", "mcp_"));

    /** LiteLLM's {@code RetryPolicy} fields. */
    private static final SectionKeys RETRY_POLICY_KEYS = new SectionKeys(Set.of("BadRequestErrorRetries",
            "AuthenticationErrorRetries", "TimeoutErrorRetries", "RateLimitErrorRetries",
            "ContentPolicyViolationErrorRetries", "InternalServerErrorRetries"), Set.of(), List.of());

    private RouterSettingsMapper() {}

    /**
     * @param router {@code router_settings}
     * @param litellm {@code litellm_settings}
     * @param groups the model groups of {@code model_list}, for checking fallbacks
     */
    static RouterSettings read(ConfigNode router, ConfigNode litellm, Set<String> groups) {
        ROUTER_KEYS.warnAboutIgnoredKeys(router, EXPECTED);
        Map<String, Integer> retryPolicy = retryPolicy(router.get("retry_policy"));
        LITELLM_KEYS.warnAboutIgnoredKeys(litellm, EXPECTED);
        RouterSettings defaults = RouterSettings.defaults();

        FallbacksMapper fallbacksMapper = new FallbacksMapper(groups);
        Optional<Map<String, List<String>>> routerFallbacks = fallbacksMapper.read(router.get("fallbacks"));
        Optional<Map<String, List<String>>> litellmFallbacks = fallbacksMapper.read(litellm.get("fallbacks"));
        if (routerFallbacks.isPresent() && litellmFallbacks.isPresent()) {
            litellm.get("fallbacks").warn("ignored because router_settings.fallbacks is set");
        }
        Map<String, List<String>> fallbacks = routerFallbacks.or(() -> litellmFallbacks).orElse(defaults.fallbacks());

        int numRetries = router.get("num_retries").optionalInt(0)
                .or(() -> litellm.get("num_retries").optionalInt(0))
                .orElse(defaults.numRetries());
        Duration timeout = router.get("timeout").optionalSeconds(false)
                .or(() -> litellm.get("request_timeout").optionalSeconds(false))
                .orElse(defaults.timeout());
        int allowedFails = router.get("allowed_fails").optionalInt(0).orElse(defaults.allowedFails());
        Duration cooldownTime = router.get("cooldown_time").optionalSeconds(true).orElse(defaults.cooldownTime());
        if (router.get("disable_cooldowns").optionalBoolean().orElse(false)) {
            cooldownTime = Duration.ZERO;
        }
        Duration retryAfter = router.get("retry_after").optionalSeconds(true).orElse(defaults.retryAfter());
        RoutingStrategy strategy = routingStrategy(router.get("routing_strategy")).orElse(defaults.routingStrategy());

        Map<String, List<String>> contextWindow = fallbacksMapper.read(router.get("context_window_fallbacks"))
                .orElse(Map.of());
        Map<String, List<String>> contentPolicy = fallbacksMapper.read(router.get("content_policy_fallbacks"))
                .orElse(Map.of());
        return new RouterSettings(fallbacks, numRetries, timeout, allowedFails, cooldownTime, retryAfter,
                retryPolicy, strategy, contextWindow, contentPolicy);
    }

    private static Optional<RoutingStrategy> routingStrategy(ConfigNode node) {
        Optional<String> name = node.optionalString().map(String::trim);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(RoutingStrategy.fromConfigName(name.get()).orElseThrow(() -> node.error(
                "expected one of " + String.join(", ", RoutingStrategy.configNames()) + ", found "
                        + node.shownValue())));
    }

    private static Map<String, Integer> retryPolicy(ConfigNode node) {
        Map<String, Integer> policy = new LinkedHashMap<>();
        node.entries("a map such as {RateLimitErrorRetries: 0, TimeoutErrorRetries: 2}").forEach((key, value) -> {
            if (!RETRY_POLICY_KEYS.supported().contains(key)) {
                value.warn(RETRY_POLICY_KEYS.unknownKeyMessage(key));
                return;
            }
            value.optionalInt(0).ifPresent(retries -> policy.put(key, retries));
        });
        return policy;
    }
}
