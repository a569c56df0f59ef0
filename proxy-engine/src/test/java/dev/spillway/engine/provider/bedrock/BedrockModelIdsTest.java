package dev.spillway.engine.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class BedrockModelIdsTest {

    /** Every row of protocols.md §3.2 in every region geography. */
    @ParameterizedTest(name = "{0} in {1} -> {2}")
    @CsvSource({
        // global profile exists: always global (regional profiles cost 10% more)
        "claude-opus-4-5-20251101,   us-east-1,      global.anthropic.claude-opus-4-5-20251101-v1:0",
        "claude-opus-4-5-20251101,   eu-west-1,      global.anthropic.claude-opus-4-5-20251101-v1:0",
        "claude-opus-4-5-20251101,   ap-southeast-1, global.anthropic.claude-opus-4-5-20251101-v1:0",
        "claude-sonnet-4-5-20250929, us-west-2,      global.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "claude-sonnet-4-5-20250929, eu-central-1,   global.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "claude-sonnet-4-5-20250929, ap-northeast-1, global.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "claude-haiku-4-5-20251001,  us-east-1,      global.anthropic.claude-haiku-4-5-20251001-v1:0",
        "claude-haiku-4-5-20251001,  eu-west-3,      global.anthropic.claude-haiku-4-5-20251001-v1:0",
        "claude-sonnet-4-20250514,   us-east-2,      global.anthropic.claude-sonnet-4-20250514-v1:0",
        "claude-sonnet-4-20250514,   ap-south-1,     global.anthropic.claude-sonnet-4-20250514-v1:0",
        // no global profile: the region's geography if the model has a profile there, else us.
        "claude-opus-4-1-20250805,   us-east-1,      us.anthropic.claude-opus-4-1-20250805-v1:0",
        "claude-opus-4-1-20250805,   eu-west-1,      us.anthropic.claude-opus-4-1-20250805-v1:0",
        "claude-opus-4-1-20250805,   ap-southeast-2, us.anthropic.claude-opus-4-1-20250805-v1:0",
        "claude-opus-4-20250514,     us-west-2,      us.anthropic.claude-opus-4-20250514-v1:0",
        "claude-opus-4-20250514,     eu-west-1,      us.anthropic.claude-opus-4-20250514-v1:0",
        "claude-3-7-sonnet-20250219, us-east-1,      us.anthropic.claude-3-7-sonnet-20250219-v1:0",
        "claude-3-7-sonnet-20250219, ap-northeast-1, us.anthropic.claude-3-7-sonnet-20250219-v1:0",
        "claude-3-5-haiku-20241022,  us-west-2,      us.anthropic.claude-3-5-haiku-20241022-v1:0",
        "claude-3-5-haiku-20241022,  eu-north-1,     us.anthropic.claude-3-5-haiku-20241022-v1:0",
        // regions of no listed geography, and GovCloud
        "claude-opus-4-1-20250805,   ca-central-1,   us.anthropic.claude-opus-4-1-20250805-v1:0",
        "claude-sonnet-4-5-20250929, sa-east-1,      global.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "claude-sonnet-4-5-20250929, us-gov-west-1,  us-gov.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "claude-opus-4-1-20250805,   us-gov-east-1,  us-gov.anthropic.claude-opus-4-1-20250805-v1:0",
    })
    void mapsKnownAnthropicIds(String model, String region, String expected) {
        assertThat(BedrockModelIds.resolve(model, region, Map.of())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "claude-opus-4-5,          global.anthropic.claude-opus-4-5-20251101-v1:0",
        "claude-sonnet-4-5,        global.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "claude-haiku-4-5,         global.anthropic.claude-haiku-4-5-20251001-v1:0",
        "claude-sonnet-4,          global.anthropic.claude-sonnet-4-20250514-v1:0",
        "claude-opus-4-1,          us.anthropic.claude-opus-4-1-20250805-v1:0",
        "claude-opus-4,            us.anthropic.claude-opus-4-20250514-v1:0",
        "claude-3-7-sonnet,        us.anthropic.claude-3-7-sonnet-20250219-v1:0",
        "claude-3-5-haiku,         us.anthropic.claude-3-5-haiku-20241022-v1:0",
        "claude-3-7-sonnet-latest, us.anthropic.claude-3-7-sonnet-20250219-v1:0",
        "claude-3-5-haiku-latest,  us.anthropic.claude-3-5-haiku-20241022-v1:0",
        "claude-sonnet-4-5-latest, global.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "Claude-Sonnet-4-5,        global.anthropic.claude-sonnet-4-5-20250929-v1:0",
    })
    void mapsUndatedAliasesToTheDatedId(String alias, String expected) {
        assertThat(BedrockModelIds.resolve(alias, "us-east-1", Map.of())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "claude-sonnet-4-5-20250929[1m], global.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "claude-sonnet-4-5[1m],          global.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "claude-sonnet-4[1M],            global.anthropic.claude-sonnet-4-20250514-v1:0",
        "claude-opus-5[1m],              global.anthropic.claude-opus-5",
        "global.anthropic.claude-opus-5[1m], global.anthropic.claude-opus-5",
    })
    void stripsTheContextSuffix(String model, String expected) {
        assertThat(BedrockModelIds.resolve(model, "us-east-1", Map.of())).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "anthropic.claude-sonnet-4-5-20250929-v1:0",
        "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "eu.anthropic.claude-opus-4-5-20251101-v1:0",
        "apac.anthropic.claude-sonnet-4-20250514-v1:0",
        "jp.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "au.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "us-gov.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "global.anthropic.claude-haiku-4-5-20251001-v1:0",
        "us.anthropic.claude-opus-4-8",
        "arn:aws:bedrock:us-east-2:123456789012:application-inference-profile/opus-prod",
        "arn:aws-us-gov:bedrock:us-gov-west-1:123456789012:inference-profile/us-gov.anthropic.claude-x",
    })
    void passesBedrockIdsThrough(String id) {
        assertThat(BedrockModelIds.resolve(id, "eu-west-1", Map.of())).isEqualTo(id);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "claude-opus-5-5,         global.anthropic.claude-opus-5-5",
        "claude-sonnet-4-6,       global.anthropic.claude-sonnet-4-6",
        "claude-opus-4-7,         global.anthropic.claude-opus-4-7",
        "claude-opus-4-8,         global.anthropic.claude-opus-4-8",
        "claude-fable-5,          global.anthropic.claude-fable-5",
        "claude-opus-4-6,         global.anthropic.claude-opus-4-6-v1",
        "claude-foo-4-7-20260101, global.anthropic.claude-foo-4-7-20260101-v1:0",
    })
    void derivesIdsForNamesItHasNeverSeen(String model, String expected) {
        assertThat(BedrockModelIds.resolve(model, "eu-west-1", Map.of())).isEqualTo(expected);
    }

    @Test
    void derivesGovCloudIdsInGovCloud() {
        assertThat(BedrockModelIds.resolve("claude-opus-4-8", "us-gov-west-1", null))
                .isEqualTo("us-gov.anthropic.claude-opus-4-8");
    }

    @Test
    void fallsBackToUsWithoutARegion() {
        assertThat(BedrockModelIds.resolve("claude-opus-4-1-20250805", null, null))
                .isEqualTo("us.anthropic.claude-opus-4-1-20250805-v1:0");
        assertThat(BedrockModelIds.resolve("claude-sonnet-4-5", null, null))
                .isEqualTo("global.anthropic.claude-sonnet-4-5-20250929-v1:0");
    }

    @Test
    void overrideForTheExactNameWins() {
        Map<String, String> overrides = Map.of(
                "claude-sonnet-4-5-20250929", "eu.anthropic.claude-sonnet-4-5-20250929-v1:0",
                "claude-opus-4-5[1m]", "arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/long");

        assertThat(BedrockModelIds.resolve("claude-sonnet-4-5-20250929", "eu-west-1", overrides))
                .isEqualTo("eu.anthropic.claude-sonnet-4-5-20250929-v1:0");
        assertThat(BedrockModelIds.resolve("claude-opus-4-5[1m]", "eu-west-1", overrides))
                .isEqualTo("arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/long");
        assertThat(BedrockModelIds.resolve("claude-opus-4-5", "eu-west-1", overrides))
                .isEqualTo("global.anthropic.claude-opus-4-5-20251101-v1:0");
    }

    @Test
    void overrideIsAlsoFoundWithoutTheContextSuffix() {
        Map<String, String> overrides = Map.of("claude-sonnet-4-6", "us.anthropic.claude-sonnet-4-6");

        assertThat(BedrockModelIds.resolve("claude-sonnet-4-6[1m]", "us-east-1", overrides))
                .isEqualTo("us.anthropic.claude-sonnet-4-6");
    }

    @Test
    void overrideValuesLoseTheContextSuffixToo() {
        Map<String, String> overrides = Map.of("my-alias", " us.anthropic.claude-opus-4-8[1m] ");

        assertThat(BedrockModelIds.resolve("my-alias", "us-east-1", overrides))
                .isEqualTo("us.anthropic.claude-opus-4-8");
    }

    @Test
    void blankOverrideIsIgnored() {
        assertThat(BedrockModelIds.resolve("claude-haiku-4-5", "us-east-1", Map.of("claude-haiku-4-5", " ")))
                .isEqualTo("global.anthropic.claude-haiku-4-5-20251001-v1:0");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "[1m]"})
    void rejectsMissingModel(String model) {
        assertThatThrownBy(() -> BedrockModelIds.resolve(model, "us-east-1", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
