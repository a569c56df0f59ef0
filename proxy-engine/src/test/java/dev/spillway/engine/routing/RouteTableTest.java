package dev.spillway.engine.routing;

import static dev.spillway.engine.routing.TestDeployments.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private static RouteTable table(Map<String, List<String>> fallbacks, Deployment... deployments) {
        return new RouteTable(List.of(deployments), fallbacks);
    }

    private static GroupMatch resolve(RouteTable table, String model) {
        return table.resolve(model).orElseThrow(() -> new AssertionError("no group for " + model));
    }

    @Test
    void exactGroupNameBeatsAWildcardListedBeforeIt() {
        RouteTable table = table(Map.of(),
                deployment("claude-*", "anthropic/*", "wild"),
                deployment("claude-sonnet-4-5", "anthropic/claude-sonnet-4-5-20250929", "exact"));

        GroupMatch match = resolve(table, "claude-sonnet-4-5");

        assertThat(match.group().name()).isEqualTo("claude-sonnet-4-5");
        assertThat(match.captures()).isEmpty();
        assertThat(match.upstreamModel(match.group().deployments().get(0))).isEqualTo("claude-sonnet-4-5-20250929");
    }

    @Test
    void longestLiteralPrefixWinsAmongPatternsWhateverTheirOrder() {
        RouteTable table = table(Map.of(),
                deployment("*", "anthropic/*", "catch-all"),
                deployment("claude-*", "anthropic/*", "claude"),
                deployment("claude-opus-*", "anthropic/*", "opus"));

        assertThat(resolve(table, "claude-opus-4-5").group().name()).isEqualTo("claude-opus-*");
        assertThat(resolve(table, "claude-sonnet-4-5").group().name()).isEqualTo("claude-*");
        assertThat(resolve(table, "gpt-4o").group().name()).isEqualTo("*");
    }

    @Test
    void patternsWithEqualPrefixesAreTriedInConfigurationOrder() {
        RouteTable first = table(Map.of(),
                deployment("claude-*-latest", "anthropic/*", "latest"),
                deployment("claude-*", "anthropic/*", "any"));
        RouteTable second = table(Map.of(),
                deployment("claude-*", "anthropic/*", "any"),
                deployment("claude-*-latest", "anthropic/*", "latest"));

        assertThat(resolve(first, "claude-3-5-haiku-latest").group().name()).isEqualTo("claude-*-latest");
        assertThat(resolve(second, "claude-3-5-haiku-latest").group().name()).isEqualTo("claude-*");
    }

    @Test
    void unknownModelResolvesToNothing() {
        RouteTable table = table(Map.of(),
                deployment("claude-sonnet", "anthropic/claude-sonnet-4-5", "a"),
                deployment("claude-*", "anthropic/*", "b"));

        assertThat(table.resolve("gpt-4o")).isEmpty();
        assertThat(table.resolve("claude-")).as("a wildcard matches at least one character").isEmpty();
        assertThat(table.resolve("CLAUDE-SONNET")).as("names are case sensitive").isEmpty();
    }

    @Test
    void wildcardCapturesWhatEachStarMatched() {
        RouteTable table = table(Map.of(), deployment("bedrock/*/claude-*", "bedrock/*", "b"));

        GroupMatch match = resolve(table, "bedrock/eu/claude-sonnet-4-5");

        assertThat(match.requestedModel()).isEqualTo("bedrock/eu/claude-sonnet-4-5");
        assertThat(match.captures()).containsExactly("eu", "sonnet-4-5");
    }

    @Test
    void regexCharactersInGroupNamesAreLiteral() {
        RouteTable table = table(Map.of(), deployment("us.anthropic.claude-3.5-*", "bedrock/*", "b"));

        assertThat(table.resolve("us.anthropic.claude-3.5-sonnet")).isPresent();
        assertThat(table.resolve("usXanthropic.claude-3.5-sonnet")).isEmpty();
        assertThat(table.resolve("us.anthropic.claude-345-sonnet")).isEmpty();
    }

    @Test
    void providerStarDeploymentTakesTheWholeRequestedName() {
        RouteTable table = table(Map.of(), deployment("claude-*", "anthropic/*", "a"));

        GroupMatch match = resolve(table, "claude-sonnet-4-5-20250929");

        assertThat(match.upstreamModel(match.group().deployments().get(0))).isEqualTo("claude-sonnet-4-5-20250929");
    }

    @Test
    void starsInTheDeploymentModelAreFilledFromTheCaptures() {
        RouteTable table = table(Map.of(), deployment("claude-*", "anthropic/claude-*", "a"),
                deployment("my-*-model-*", "bedrock/us.anthropic.claude-*-*-v1:0", "b"));

        GroupMatch claude = resolve(table, "claude-opus-4-5");
        GroupMatch mine = resolve(table, "my-opus-model-4-1");

        assertThat(claude.upstreamModel(claude.group().deployments().get(0))).isEqualTo("claude-opus-4-5");
        assertThat(mine.upstreamModel(mine.group().deployments().get(0))).isEqualTo("us.anthropic.claude-opus-4-1-v1:0");
    }

    @Test
    void fallbacksOfKeepTheRequestedModelAndFollowConfigurationOrder() {
        RouteTable table = table(
                Map.of("claude-*", List.of("bedrock/claude-*", "vertex-claude")),
                deployment("claude-*", "anthropic/*", "anthropic"),
                deployment("bedrock/claude-*", "bedrock/*", "bedrock"),
                deployment("vertex-claude", "vertex_ai/claude-sonnet-4-5@20250929", "vertex"));
        GroupMatch primary = resolve(table, "claude-sonnet-4-5");

        List<GroupMatch> fallbacks = table.fallbacksOf(primary);

        assertThat(fallbacks).extracting(m -> m.group().name()).containsExactly("bedrock/claude-*", "vertex-claude");
        assertThat(fallbacks).extracting(GroupMatch::requestedModel).containsOnly("claude-sonnet-4-5");
        GroupMatch bedrock = fallbacks.get(0);
        assertThat(bedrock.upstreamModel(bedrock.group().deployments().get(0))).isEqualTo("claude-sonnet-4-5");
        GroupMatch vertex = fallbacks.get(1);
        assertThat(vertex.upstreamModel(vertex.group().deployments().get(0))).isEqualTo("claude-sonnet-4-5@20250929");
    }

    @Test
    void fallbackToAPatternCarriesThePrimaryCapturesIntoItsDeploymentModel() {
        RouteTable table = table(
                Map.of("claude-*", List.of("bedrock/claude-*")),
                deployment("claude-*", "anthropic/*", "anthropic"),
                deployment("bedrock/claude-*", "bedrock/us.anthropic.claude-*", "bedrock"));

        GroupMatch fallback = table.fallbacksOf(resolve(table, "claude-haiku-4-5")).get(0);

        assertThat(fallback.captures()).containsExactly("haiku-4-5");
        assertThat(fallback.upstreamModel(fallback.group().deployments().get(0)))
                .isEqualTo("us.anthropic.claude-haiku-4-5");
    }

    @Test
    void fallbackPatternThatMatchesTheRequestUsesItsOwnCaptures() {
        RouteTable table = table(
                Map.of("claude-sonnet-*", List.of("*")),
                deployment("claude-sonnet-*", "anthropic/*", "anthropic"),
                deployment("*", "bedrock/*", "bedrock"));

        GroupMatch fallback = table.fallbacksOf(resolve(table, "claude-sonnet-4-5")).get(0);

        assertThat(fallback.captures()).containsExactly("claude-sonnet-4-5");
    }

    @Test
    void fallbacksOfSkipUnknownGroupsAndThePrimaryItself() {
        RouteTable table = table(
                Map.of("claude-sonnet", List.of("no-such-group", "claude-sonnet", "bedrock/claude-sonnet")),
                deployment("claude-sonnet", "anthropic/claude-sonnet-4-5", "a"),
                deployment("bedrock/claude-sonnet", "bedrock/claude-sonnet-4-5", "b"));

        List<GroupMatch> fallbacks = table.fallbacksOf(resolve(table, "claude-sonnet"));

        assertThat(fallbacks).extracting(m -> m.group().name()).containsExactly("bedrock/claude-sonnet");
    }

    @Test
    void groupWithoutFallbacksHasNone() {
        RouteTable table = table(Map.of("other", List.of("claude-sonnet")),
                deployment("claude-sonnet", "anthropic/claude-sonnet-4-5", "a"),
                deployment("other", "anthropic/claude-haiku-4-5", "b"));

        assertThat(table.fallbacksOf(resolve(table, "claude-sonnet"))).isEmpty();
    }

    @Test
    void deploymentsSharingAModelNameFormOneGroupInConfigurationOrder() {
        RouteTable table = table(Map.of(),
                deployment("claude-sonnet", "anthropic/claude-sonnet-4-5", "first"),
                deployment("claude-*", "anthropic/*", "wild"),
                deployment("claude-sonnet", "bedrock/claude-sonnet-4-5", "second"));

        assertThat(table.groupNames()).containsExactly("claude-sonnet", "claude-*");
        assertThat(resolve(table, "claude-sonnet").group().deployments()).extracting(Deployment::id)
                .containsExactly("first", "second");
        assertThat(table.groups()).extracting(ModelGroup::isWildcard).containsExactly(false, true);
    }
}
