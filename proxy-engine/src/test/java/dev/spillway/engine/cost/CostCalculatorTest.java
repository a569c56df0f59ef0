package dev.spillway.engine.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.spillway.engine.events.RequestEvent;
import dev.spillway.engine.events.RequestEvent.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class CostCalculatorTest {

    private static final Offset<Double> EXACT = within(1e-12);
    private static final CostCalculator CALC = CostCalculator.bundled();
    /** protocols.md §5 style example: 2048 input, 503 output, 1800 cache read, 248 cache write. */
    private static final Usage EXAMPLE = new Usage(2048, 503, 1800, 248);

    @Test
    void sonnet45WorkedExample() {
        // 2048×3 + 248×3.75 + 1800×0.30 + 503×15 = 6144 + 930 + 540 + 7545 = 15159 → /1e6
        Cost cost = CALC.cost("anthropic", "claude-sonnet-4-5-20250929", EXAMPLE, Optional.empty());
        assertThat(cost.known()).isTrue();
        assertThat(cost.usd()).isCloseTo(0.015159, EXACT);
        assertThat(CALC.costUsd("anthropic", "claude-sonnet-4-5", EXAMPLE, Optional.empty()))
                .isCloseTo(0.015159, EXACT);
    }

    @Test
    void otherClaudeExamples() {
        // Opus 4.5: 2048×5 + 248×6.25 + 1800×0.5 + 503×25 = 10240 + 1550 + 900 + 12575 = 25265
        assertThat(CALC.costUsd("anthropic", "claude-opus-4-5-20251101", EXAMPLE, Optional.empty()))
                .isCloseTo(0.025265, EXACT);
        // Haiku 4.5: 2048 + 310 + 180 + 2515 = 5053
        assertThat(CALC.costUsd("anthropic", "claude-haiku-4-5", EXAMPLE, Optional.empty()))
                .isCloseTo(0.005053, EXACT);
        // Opus 4.1: 30720 + 4650 + 2700 + 37725 = 75795
        assertThat(CALC.costUsd("anthropic", "claude-opus-4-1-20250805", EXAMPLE, Optional.empty()))
                .isCloseTo(0.075795, EXACT);
    }

    @Test
    void bedrockGlobalVersusRegional() {
        double global = CALC.costUsd("bedrock", "global.anthropic.claude-sonnet-4-5-20250929-v1:0", EXAMPLE,
                Optional.empty());
        double regional = CALC.costUsd("bedrock", "us.anthropic.claude-sonnet-4-5-20250929-v1:0", EXAMPLE,
                Optional.empty());
        assertThat(global).isCloseTo(0.015159, EXACT);
        assertThat(regional).isCloseTo(0.0166749, EXACT); // 15159 × 1.1
        // the Anthropic-style name a Bedrock deployment was asked for is priced as the global profile
        assertThat(CALC.costUsd("bedrock", "claude-sonnet-4-5-20250929", EXAMPLE, Optional.empty()))
                .isCloseTo(global, EXACT);
        // Haiku 4.5 small/fast model on us.: 5053 × 1.1
        assertThat(CALC.costUsd("bedrock", "us.anthropic.claude-haiku-4-5-20251001-v1:0", EXAMPLE, Optional.empty()))
                .isCloseTo(0.0055583, EXACT);
        // Sonnet 4: no regional premium
        assertThat(CALC.costUsd("bedrock", "apac.anthropic.claude-sonnet-4-20250514-v1:0", EXAMPLE, Optional.empty()))
                .isCloseTo(0.015159, EXACT);
    }

    @Test
    void longContextPricesApplyToAllTokensAbove200k() {
        Usage atLimit = new Usage(150_000, 1_000, 40_000, 10_000); // 200,000 input tokens: standard prices
        assertThat(CALC.costUsd("anthropic", "claude-sonnet-4-5[1m]", atLimit, Optional.empty()))
                .isCloseTo((150_000 * 3.0 + 1_000 * 15.0 + 40_000 * 0.30 + 10_000 * 3.75) / 1e6, EXACT);
        Usage above = new Usage(150_001, 1_000, 40_000, 10_000);
        assertThat(CALC.costUsd("anthropic", "claude-sonnet-4-5[1m]", above, Optional.empty()))
                .isCloseTo((150_001 * 6.0 + 1_000 * 22.5 + 40_000 * 0.60 + 10_000 * 7.50) / 1e6, EXACT);
        // no tier: Opus 4.5 stays at its price
        assertThat(CALC.costUsd("anthropic", "claude-opus-4-5", above, Optional.empty()))
                .isCloseTo((150_001 * 5.0 + 1_000 * 25.0 + 40_000 * 0.50 + 10_000 * 6.25) / 1e6, EXACT);
    }

    @Test
    void openAiCachedTokensArriveAlreadySplit() {
        // OpenAI usage prompt_tokens=10,000 with cached_tokens=8,000, completion_tokens=500
        // → RequestEvent.Usage(input 2,000, output 500, cacheRead 8,000, cacheWrite 0)
        Usage usage = new Usage(2_000, 500, 8_000, 0);
        assertThat(CALC.costUsd("openai", "gpt-4o", usage, Optional.empty()))
                .isCloseTo((2_000 * 2.50 + 8_000 * 1.25 + 500 * 10.0) / 1e6, EXACT); // 0.02
        assertThat(CALC.costUsd("openai", "gpt-5-mini", usage, Optional.empty()))
                .isCloseTo((2_000 * 0.25 + 8_000 * 0.025 + 500 * 2.0) / 1e6, EXACT);
        assertThat(CALC.costUsd("deepseek", "deepseek-chat", usage, Optional.empty()))
                .isCloseTo((2_000 * 0.28 + 8_000 * 0.028 + 500 * 0.42) / 1e6, EXACT);
        assertThat(CALC.costUsd("openrouter", "openai/gpt-4o", usage, Optional.empty()))
                .isCloseTo(0.02, EXACT);
        assertThat(CALC.costUsd("groq", "llama-3.3-70b-versatile", new Usage(1_000_000, 1_000_000, 0, 0),
                Optional.empty())).isCloseTo(0.59 + 0.79, EXACT);
    }

    @Test
    void unknownModelCostsZeroAndSaysSo() {
        Cost cost = CALC.cost("anthropic", "claude-opus-5-5", EXAMPLE, Optional.empty());
        assertThat(cost).isEqualTo(Cost.UNKNOWN);
        assertThat(cost.known()).isFalse();
        assertThat(cost.usd()).isZero();
        assertThat(CALC.costUsd("bedrock", "arn:aws:bedrock:us-east-1:1:application-inference-profile/x", EXAMPLE,
                Optional.empty())).isZero();
        assertThat(CALC.cost("nobody", "model", EXAMPLE, Optional.empty()).known()).isFalse();
        assertThat(CALC.cost(null, null, EXAMPLE, Optional.empty()).known()).isFalse();
    }

    @Test
    void noTokensIsAKnownZeroEvenForUnknownModels() {
        assertThat(CALC.cost("anthropic", "claude-opus-5-5", Usage.NONE, Optional.empty())).isEqualTo(Cost.of(0));
    }

    @Test
    void ollamaIsFree() {
        Cost cost = CALC.cost("ollama", "qwen2.5-coder:7b", new Usage(100_000, 20_000, 0, 0), Optional.empty());
        assertThat(cost).isEqualTo(Cost.of(0));
        assertThat(cost.known()).isTrue();
    }

    @Test
    void overrideWinsOverTheTableAndPricesUnknownModels() {
        Optional<ModelPrice> override = ModelPrice.fromLiteLlmParams(Map.of(
                "input_cost_per_token", 1e-6, "output_cost_per_token", "2e-6",
                "cache_read_input_token_cost", 1e-7, "cache_creation_input_token_cost", 1.5e-6));
        // 2048×1 + 503×2 + 1800×0.1 + 248×1.5 = 2048 + 1006 + 180 + 372 = 3606
        assertThat(CALC.cost("anthropic", "claude-sonnet-4-5", EXAMPLE, override)).isEqualTo(Cost.of(0.003606))
                .satisfies(c -> assertThat(c.usd()).isCloseTo(0.003606, EXACT));
        Cost custom = CALC.cost("openai", "my-fine-tune", EXAMPLE, override);
        assertThat(custom.known()).isTrue();
        assertThat(custom.usd()).isCloseTo(0.003606, EXACT);
        assertThat(CALC.cost("bedrock", "arn:aws:bedrock:us-east-1:1:application-inference-profile/x", EXAMPLE,
                override).usd()).isCloseTo(0.003606, EXACT);
    }

    @Test
    void requestEvents() {
        RequestEvent sonnet = event(Optional.of("anthropic"), Optional.of("claude-sonnet-4-5-20250929"), EXAMPLE,
                false);
        assertThat(CALC.cost(sonnet, Optional.empty()).usd()).isCloseTo(0.015159, EXACT);
        RequestEvent hit = event(Optional.of("cache"), Optional.empty(), Usage.NONE, true);
        assertThat(CALC.cost(hit, Optional.empty())).isEqualTo(Cost.of(0));
        RequestEvent noUpstream = event(Optional.empty(), Optional.empty(), Usage.NONE, false);
        assertThat(CALC.cost(noUpstream, Optional.empty())).isEqualTo(Cost.of(0));
        RequestEvent unknown = event(Optional.of("anthropic"), Optional.of("claude-opus-5-5"), EXAMPLE, false);
        assertThat(CALC.cost(unknown, Optional.empty())).isEqualTo(Cost.UNKNOWN);
    }

    @Test
    void costRecordInvariants() {
        assertThatThrownBy(() -> new Cost(1, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cost.of(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cost.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CostCalculator(null)).isInstanceOf(NullPointerException.class);
        assertThat(CALC.table()).isSameAs(PriceTable.bundled());
    }

    private static RequestEvent event(Optional<String> provider, Optional<String> model, Usage usage,
            boolean cacheHit) {
        return new RequestEvent("req-1", Instant.EPOCH, "claude-sonnet", Optional.of("claude-sonnet"),
                provider.map(p -> p + "-1"), provider, model, 200, false, Duration.ofMillis(5), Optional.empty(),
                usage, false, 0, 0, Optional.empty(), cacheHit);
    }
}
