package dev.spillway.engine.config;

import static dev.spillway.engine.config.TestConfigs.errorOf;
import static dev.spillway.engine.config.TestConfigs.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterSettingsLoadingTest {

    /** Groups a, b, c, "claude-*" and "bedrock/claude-*", then {@code settings}. */
    private static String groupsWith(String settings) {
        return """
                model_list:
                  - {model_name: a, litellm_params: {model: anthropic/a}}
                  - {model_name: b, litellm_params: {model: anthropic/b}}
                  - {model_name: b, litellm_params: {model: bedrock/b}}
                  - {model_name: c, litellm_params: {model: bedrock/c}}
                  - {model_name: "claude-*", litellm_params: {model: "anthropic/*"}}
                  - {model_name: "bedrock/claude-*", litellm_params: {model: "bedrock/*"}}
                """ + settings;
    }

    @Test
    void defaultsApplyWhenNothingIsSet() {
        assertThat(parse(groupsWith("")).router()).isEqualTo(RouterSettings.defaults());
        assertThat(parse(groupsWith("router_settings: {}\nlitellm_settings:\n")).router())
                .isEqualTo(RouterSettings.defaults());
    }

    @Test
    void readsEveryRouterSetting() {
        RouterSettings router = parse(groupsWith("""
                router_settings:
                  fallbacks:
                    - a: [b, c]
                    - "claude-*": ["bedrock/claude-*"]
                  num_retries: 0
                  timeout: 12.25
                  allowed_fails: 3
                  cooldown_time: 0
                  retry_after: 2
                  retry_policy:
                    BadRequestErrorRetries: 0
                    AuthenticationErrorRetries: 0
                    TimeoutErrorRetries: 1
                    RateLimitErrorRetries: 2
                    ContentPolicyViolationErrorRetries: 0
                    InternalServerErrorRetries: 4
                """)).router();

        assertThat(router.fallbacks()).isEqualTo(Map.of("a", List.of("b", "c"), "claude-*", List.of("bedrock/claude-*")));
        assertThat(router.numRetries()).isZero();
        assertThat(router.timeout()).isEqualTo(Duration.ofMillis(12_250));
        assertThat(router.allowedFails()).isEqualTo(3);
        assertThat(router.cooldownTime()).isZero();
        assertThat(router.retryAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(router.retryPolicy()).isEqualTo(Map.of("BadRequestErrorRetries", 0, "AuthenticationErrorRetries", 0,
                "TimeoutErrorRetries", 1, "RateLimitErrorRetries", 2, "ContentPolicyViolationErrorRetries", 0,
                "InternalServerErrorRetries", 4));
    }

    @Test
    void readsEveryRoutingStrategy() {
        Map.of("simple-shuffle", RoutingStrategy.SIMPLE_SHUFFLE,
                "least-busy", RoutingStrategy.LEAST_BUSY,
                "latency-based-routing", RoutingStrategy.LATENCY_BASED,
                "usage-based-routing", RoutingStrategy.USAGE_BASED,
                "usage-based-routing-v2", RoutingStrategy.USAGE_BASED).forEach((name, strategy) -> {
                    SpillwayConfig config = parse(groupsWith("router_settings: {routing_strategy: " + name + "}\n"));
                    assertThat(config.router().routingStrategy()).as(name).isEqualTo(strategy);
                    assertThat(config.warnings()).as(name).isEmpty();
                });
        assertThat(parse(groupsWith("")).router().routingStrategy()).isEqualTo(RoutingStrategy.SIMPLE_SHUFFLE);
        assertThat(parse(groupsWith("router_settings: {routing_strategy: os.environ/STRATEGY}\n"),
                Map.of("STRATEGY", "least-busy")).router().routingStrategy()).isEqualTo(RoutingStrategy.LEAST_BUSY);
    }

    @Test
    void unknownRoutingStrategyIsAnErrorListingTheValidOnes() {
        assertThat(errorOf(groupsWith("router_settings: {routing_strategy: cost-based-routing}\n")))
                .isEqualTo("config.yaml: router_settings.routing_strategy: expected one of simple-shuffle, "
                        + "least-busy, latency-based-routing, usage-based-routing, usage-based-routing-v2, found "
                        + "\"cost-based-routing\"");
        assertThat(errorOf(groupsWith("router_settings: {routing_strategy: Simple-Shuffle}\n")))
                .startsWith("config.yaml: router_settings.routing_strategy: expected one of simple-shuffle,");
        assertThat(errorOf(groupsWith("router_settings: {routing_strategy: [least-busy]}\n")))
                .isEqualTo("config.yaml: router_settings.routing_strategy: expected a string, found a list");
    }

    @Test
    void litellmSettingsFillInWhatRouterSettingsLeaveOut() {
        RouterSettings router = parse(groupsWith("""
                litellm_settings:
                  num_retries: 5
                  request_timeout: 90
                  fallbacks: [{a: [b]}]
                """)).router();

        assertThat(router.numRetries()).isEqualTo(5);
        assertThat(router.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(router.fallbacks()).isEqualTo(Map.of("a", List.of("b")));
    }

    @Test
    void routerSettingsWinOverLitellmSettings() {
        RouterSettings router = parse(groupsWith("""
                router_settings: {num_retries: 1, timeout: 10, fallbacks: [{a: [c]}]}
                litellm_settings: {num_retries: 5, request_timeout: 90, fallbacks: [{a: [b]}]}
                """)).router();

        assertThat(router.numRetries()).isEqualTo(1);
        assertThat(router.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(router.fallbacks()).isEqualTo(Map.of("a", List.of("c")));
    }

    @Test
    void disableCooldownsMeansZeroCooldownTime() {
        RouterSettings router = parse(groupsWith("router_settings: {cooldown_time: 30, disable_cooldowns: true}\n"))
                .router();
        assertThat(router.cooldownTime()).isZero();

        RouterSettings enabled = parse(groupsWith("router_settings: {disable_cooldowns: false}\n")).router();
        assertThat(enabled.cooldownTime()).isEqualTo(RouterSettings.defaults().cooldownTime());
    }

    @Test
    void emptyFallbackListsAreAllowed() {
        assertThat(parse(groupsWith("router_settings: {fallbacks: [{a: []}, {b: }]}\n")).router().fallbacks())
                .isEqualTo(Map.of("a", List.of(), "b", List.of()));
    }

    @Test
    void fallbackFromAnUnknownGroupListsTheKnownOnes() {
        assertThat(errorOf(groupsWith("router_settings:\n  fallbacks: [{claude-sonnet: [b]}]\n")))
                .isEqualTo("config.yaml: router_settings.fallbacks[0]: model group \"claude-sonnet\" is not a "
                        + "model_name in model_list; known groups: \"a\", \"b\", \"c\", \"claude-*\", "
                        + "\"bedrock/claude-*\"");
    }

    @Test
    void fallbackToAnUnknownGroupNamesItsPosition() {
        assertThat(errorOf(groupsWith("router_settings:\n  fallbacks: [{a: [b]}, {b: [c, bedrock/b]}]\n")))
                .startsWith("config.yaml: router_settings.fallbacks[1].b[1]: model group \"bedrock/b\" is not a "
                        + "model_name in model_list; known groups: \"a\"");
    }

    @Test
    void wildcardGroupsMustBeWrittenExactly() {
        assertThat(errorOf(groupsWith("router_settings:\n  fallbacks: [{\"claude-*\": [\"bedrock/*\"]}]\n")))
                .startsWith("config.yaml: router_settings.fallbacks[0].claude-*[0]: model group \"bedrock/*\" "
                        + "is not a model_name in model_list");
    }

    @Test
    void litellmSettingsFallbacksAreCheckedToo() {
        assertThat(errorOf(groupsWith("litellm_settings:\n  fallbacks: [{a: [z]}]\n")))
                .startsWith("config.yaml: litellm_settings.fallbacks[0].a[0]: model group \"z\" is not a model_name");
    }

    @Test
    void malformedFallbacks() {
        assertThat(errorOf(groupsWith("router_settings: {fallbacks: {a: [b]}}\n")))
                .isEqualTo("config.yaml: router_settings.fallbacks: expected a list of {model group: [fallback "
                        + "groups]} maps, e.g. [{claude-sonnet: [bedrock/claude-sonnet]}], found a map");
        assertThat(errorOf(groupsWith("router_settings: {fallbacks: [a]}\n")))
                .isEqualTo("config.yaml: router_settings.fallbacks[0]: expected a map with one model group and its "
                        + "fallback groups, e.g. {claude-sonnet: [bedrock/claude-sonnet]}, found \"a\"");
        assertThat(errorOf(groupsWith("router_settings: {fallbacks: [{a: [b], b: [c]}]}\n")))
                .isEqualTo("config.yaml: router_settings.fallbacks[0]: expected a map with one model group and its "
                        + "fallback groups, e.g. {claude-sonnet: [bedrock/claude-sonnet]} (one group per list item), "
                        + "found a map");
        assertThat(errorOf(groupsWith("router_settings: {fallbacks: [{a: b}]}\n")))
                .isEqualTo("config.yaml: router_settings.fallbacks[0].a: expected a list of model groups to try after "
                        + "\"a\", found \"b\"");
        assertThat(errorOf(groupsWith("router_settings: {fallbacks: [{a: [[b]]}]}\n")))
                .isEqualTo("config.yaml: router_settings.fallbacks[0].a[0]: expected a string, found a list");
    }

    @Test
    void fallbackMistakes() {
        assertThat(errorOf(groupsWith("router_settings: {fallbacks: [{a: [a]}]}\n")))
                .isEqualTo("config.yaml: router_settings.fallbacks[0].a[0]: \"a\" cannot fall back to itself");
        assertThat(errorOf(groupsWith("router_settings: {fallbacks: [{a: [b, b]}]}\n")))
                .isEqualTo("config.yaml: router_settings.fallbacks[0].a[1]: \"b\" is listed twice");
        assertThat(errorOf(groupsWith("router_settings: {fallbacks: [{a: [b]}, {a: [c]}]}\n")))
                .isEqualTo("config.yaml: router_settings.fallbacks[1]: fallbacks for \"a\" are already defined at "
                        + "router_settings.fallbacks[0]");
    }
}
