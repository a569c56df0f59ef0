package dev.spillway.engine.routing;

import static dev.spillway.engine.routing.TestDeployments.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.engine.config.DeploymentConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelGroupTest {

    @Test
    void exactGroupMatchesOnlyItsOwnNameWithNoCaptures() {
        ModelGroup group = new ModelGroup("claude-sonnet", List.of(deployment("claude-sonnet", "anthropic/x", "a")));

        assertThat(group.isWildcard()).isFalse();
        assertThat(group.match("claude-sonnet")).contains(List.of());
        assertThat(group.match("claude-sonnet-4-5")).isEmpty();
        assertThat(group.literalPrefixLength()).isEqualTo("claude-sonnet".length());
    }

    @Test
    void wildcardGroupCapturesEachStarAndMeasuresItsLiteralPrefix() {
        ModelGroup group = new ModelGroup("anthropic/claude-*-*", List.of());

        assertThat(group.isWildcard()).isTrue();
        assertThat(group.literalPrefixLength()).isEqualTo("anthropic/claude-".length());
        assertThat(group.match("anthropic/claude-opus-4")).contains(List.of("opus", "4"));
        assertThat(group.match("anthropic/claude-opus")).isEmpty();
        assertThat(group.match("bedrock/claude-opus-4")).isEmpty();
    }

    @Test
    void loneStarMatchesAnyNonEmptyName() {
        ModelGroup group = new ModelGroup("*", List.of());

        assertThat(group.literalPrefixLength()).isZero();
        assertThat(group.match("gpt-4o")).contains(List.of("gpt-4o"));
        assertThat(group.match("")).isEmpty();
    }

    @Test
    void deploymentListIsACopy() {
        List<Deployment> list = new ArrayList<>(List.of(deployment("g", "anthropic/x", "a")));
        ModelGroup group = new ModelGroup("g", list);

        list.clear();

        assertThat(group.deployments()).hasSize(1);
        assertThatThrownBy(() -> group.deployments().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void upstreamModelWithoutStarIsTheDeploymentModel() {
        Deployment d = deployment("claude-*", "anthropic/claude-sonnet-4-5-20250929", "a");

        assertThat(d.upstreamModel("claude-opus-4", List.of("opus-4"))).isEqualTo("claude-sonnet-4-5-20250929");
    }

    @Test
    void upstreamModelOfALoneStarIsTheRequestedNameEvenWithCaptures() {
        Deployment d = deployment("claude-*", "anthropic/*", "a");

        assertThat(d.upstreamModel("claude-opus-4", List.of("opus-4"))).isEqualTo("claude-opus-4");
    }

    @Test
    void upstreamModelSubstitutesCapturesInOrder() {
        Deployment d = deployment("claude-*-*", "bedrock/us.anthropic.claude-*-*-v1:0", "a");

        assertThat(d.upstreamModel("claude-sonnet-4", List.of("sonnet", "4")))
                .isEqualTo("us.anthropic.claude-sonnet-4-v1:0");
    }

    @Test
    void upstreamModelUsesTheRequestedNameForStarsWithoutACapture() {
        Deployment d = deployment("claude-sonnet", "bedrock/eu.*", "a");

        assertThat(d.upstreamModel("claude-sonnet", List.of())).isEqualTo("eu.claude-sonnet");
    }

    @Test
    void groupMatchDelegatesToTheDeploymentAndCopiesCaptures() {
        List<String> captures = new ArrayList<>(List.of("opus-4"));
        ModelGroup group = new ModelGroup("claude-*", List.of());
        GroupMatch match = new GroupMatch(group, "claude-opus-4", captures);

        captures.set(0, "changed");

        assertThat(match.captures()).containsExactly("opus-4");
        assertThat(match.upstreamModel(deployment("claude-*", "anthropic/claude-*", "a"))).isEqualTo("claude-opus-4");
    }

    @Test
    void deploymentTimeoutOverridesTheRouterDefault() {
        DeploymentConfig withTimeout = TestDeployments.config("g", "anthropic/x", "a", Optional.of(Duration.ofSeconds(7)));
        DeploymentConfig without = TestDeployments.config("g", "anthropic/x", "b");

        assertThat(new Deployment(withTimeout, null).timeout(Duration.ofSeconds(600))).isEqualTo(Duration.ofSeconds(7));
        assertThat(new Deployment(without, null).timeout(Duration.ofSeconds(600))).isEqualTo(Duration.ofSeconds(600));
        assertThat(new Deployment(without, null).id()).isEqualTo("b");
    }
}
