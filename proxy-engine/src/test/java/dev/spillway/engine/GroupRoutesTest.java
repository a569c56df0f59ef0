package dev.spillway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.engine.GatewayStatus.RouteState;
import dev.spillway.engine.routing.Cooldowns;
import dev.spillway.engine.routing.Deployment;
import dev.spillway.engine.routing.RouteTable;
import dev.spillway.engine.routing.TestDeployments;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A group's primaries are its lowest order tier; it is on a fallback once they all cool down, down once all do. */
class GroupRoutesTest {

    private final Cooldowns cooldowns = new Cooldowns(() -> 0L, 0, Duration.ofSeconds(60));

    private static Deployment ordered(String group, String id, int order) {
        return new Deployment(TestDeployments.config(group, "anthropic/m", id, Optional.empty(),
                Map.of("order", order)), TestDeployments.deployment(group, "anthropic/m", id).provider());
    }

    private GroupRoutes claude(RouteTable routes) {
        return GroupRoutes.of(routes).stream().filter(g -> g.name().equals("claude")).findFirst().orElseThrow();
    }

    @Test
    void twoKeysAreBothPrimaryAndTheGroupFailsOverOnlyWhenBothCool() {
        RouteTable routes = new RouteTable(List.of(
                TestDeployments.deployment("claude", "anthropic/m", "key-1"),
                TestDeployments.deployment("claude", "anthropic/m", "key-2"),
                TestDeployments.deployment("bedrock", "bedrock/m", "bedrock")),
                Map.of("claude", List.of("bedrock")));
        GroupRoutes claude = claude(routes);

        cooldowns.recordFailure("key-1", Optional.empty());
        assertThat(claude.state(cooldowns)).isEqualTo(RouteState.PRIMARY);
        assertThat(claude.servedBy(cooldowns).map(Deployment::id)).contains("key-2");

        cooldowns.recordFailure("key-2", Optional.empty());
        assertThat(claude.state(cooldowns)).isEqualTo(RouteState.FALLBACK);
        assertThat(claude.servedBy(cooldowns).map(Deployment::id)).contains("bedrock");

        cooldowns.recordFailure("bedrock", Optional.empty());
        assertThat(claude.state(cooldowns)).isEqualTo(RouteState.DOWN);
        assertThat(claude.servedBy(cooldowns)).isEmpty();
    }

    @Test
    void withOrderTheFirstTierIsPrimaryAndTheSecondIsAFallback() {
        RouteTable routes = new RouteTable(List.of(ordered("claude", "second", 2), ordered("claude", "first", 1)),
                Map.of());
        GroupRoutes claude = claude(routes);

        assertThat(claude.primaries()).extracting(Deployment::id).containsExactly("first");
        assertThat(claude.canFailOver()).isTrue();
        cooldowns.recordFailure("first", Optional.empty());
        assertThat(claude.state(cooldowns)).isEqualTo(RouteState.FALLBACK);
        assertThat(claude.servedBy(cooldowns).map(Deployment::id)).contains("second");
    }

    @Test
    void aLoneDeploymentHasNowhereToFailOver() {
        RouteTable routes = new RouteTable(List.of(TestDeployments.deployment("claude", "anthropic/m", "only")),
                Map.of());

        assertThat(claude(routes).canFailOver()).isFalse();
        cooldowns.recordFailure("only", Optional.empty());
        assertThat(claude(routes).state(cooldowns)).isEqualTo(RouteState.DOWN);
    }
}
