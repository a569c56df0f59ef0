package dev.spillway.engine.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code router_settings}, with the values {@code litellm_settings} may also carry
 * ({@code num_retries}, {@code request_timeout}) folded in; router_settings wins where both are set.
 *
 * @param fallbacks model group → ordered fallback groups ({@code fallbacks: [{"a": ["b", "c"]}]})
 * @param numRetries retries within a model group for 5xx and connection failures (default 2)
 * @param timeout per-call upstream timeout (router {@code timeout}, else {@code litellm_settings.request_timeout},
 *     default 600 s)
 * @param allowedFails failures tolerated before a deployment cools down; rate limits cool down once this many have been
 *     seen (default 0: the first 429 cools it down)
 * @param cooldownTime how long a failing deployment is skipped (default 60 s)
 * @param retryAfter minimum wait before a retry (default 0)
 * @param retryPolicy per error class retries, e.g. {@code RateLimitErrorRetries → 0}; keys as in LiteLLM
 * @param routingStrategy how a group orders its deployments for each request ({@code routing_strategy}, default
 *     {@code simple-shuffle})
 * @param contextWindowFallbacks groups to try when a group's answer is "the prompt is too long"
 *     ({@code context_window_fallbacks})
 * @param contentPolicyFallbacks groups to try when a group refuses on content policy ({@code content_policy_fallbacks})
 */
public record RouterSettings(
        Map<String, List<String>> fallbacks,
        int numRetries,
        Duration timeout,
        int allowedFails,
        Duration cooldownTime,
        Duration retryAfter,
        Map<String, Integer> retryPolicy,
        RoutingStrategy routingStrategy,
        Map<String, List<String>> contextWindowFallbacks,
        Map<String, List<String>> contentPolicyFallbacks) {

    public RouterSettings {
        fallbacks = Map.copyOf(fallbacks);
        retryPolicy = Map.copyOf(retryPolicy);
        Objects.requireNonNull(routingStrategy, "routingStrategy");
        contextWindowFallbacks = Map.copyOf(contextWindowFallbacks);
        contentPolicyFallbacks = Map.copyOf(contentPolicyFallbacks);
    }

    /** Settings without context-window or content-policy fallbacks. */
    public RouterSettings(Map<String, List<String>> fallbacks, int numRetries, Duration timeout, int allowedFails,
            Duration cooldownTime, Duration retryAfter, Map<String, Integer> retryPolicy,
            RoutingStrategy routingStrategy) {
        this(fallbacks, numRetries, timeout, allowedFails, cooldownTime, retryAfter, retryPolicy, routingStrategy,
                Map.of(), Map.of());
    }

    public static RouterSettings defaults() {
        return new RouterSettings(Map.of(), 2, Duration.ofSeconds(600), 0, Duration.ofSeconds(60), Duration.ZERO,
                Map.of(), RoutingStrategy.SIMPLE_SHUFFLE);
    }
}
