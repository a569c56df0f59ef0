package dev.spillway.engine.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.spillway.engine.events.RequestEvent.Usage;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelPriceTest {

    private static final ModelPrice SONNET_45 = PriceTable.bundled().lookup("anthropic", "claude-sonnet-4-5").get();

    @Test
    void formulaPerMillion() {
        ModelPrice p = new ModelPrice(3, 15, 3.75, 6, 0.3);
        assertThat(p.costUsd(new Usage(1_000_000, 0, 0, 0))).isEqualTo(3.0);
        assertThat(p.costUsd(new Usage(0, 1_000_000, 0, 0))).isEqualTo(15.0);
        assertThat(p.costUsd(new Usage(0, 0, 1_000_000, 0))).isCloseTo(0.3, within(1e-12));
        assertThat(p.costUsd(new Usage(0, 0, 0, 1_000_000))).isEqualTo(3.75);
        assertThat(p.costUsd(0, 0, 0, 0, 1_000_000)).isEqualTo(6.0);
        assertThat(p.costUsd(Usage.NONE)).isZero();
        assertThat(ModelPrice.FREE.costUsd(new Usage(5, 5, 5, 5))).isZero();
    }

    @Test
    void oneHourWritesCountTowardsTheLongContextThreshold() {
        assertThat(SONNET_45.costUsd(200_000, 0, 0, 0, 1)).isCloseTo((200_000 * 6.0 + 12.0) / 1e6, within(1e-12));
    }

    @Test
    void liteLlmParamsAreConvertedFromPerToken() {
        Map<String, Object> params = Map.of(
                "input_cost_per_token", 3e-6,
                "output_cost_per_token", "1.5e-05",
                "cache_read_input_token_cost", new BigDecimal("3e-7"),
                "cache_creation_input_token_cost", 3.75e-6,
                "cache_creation_input_token_cost_above_1hr", 6e-6,
                "model", "anthropic/claude-sonnet-4-5");
        assertThat(ModelPrice.fromLiteLlmParams(params)).contains(new ModelPrice(3, 15, 3.75, 6, 0.3));
    }

    @Test
    void noCostFieldsMeansNoOverride() {
        assertThat(ModelPrice.fromLiteLlmParams(Map.of("model", "openai/gpt-4o", "api_key", "x"))).isEmpty();
        assertThat(ModelPrice.fromLiteLlmParams(Map.of())).isEmpty();
        assertThat(ModelPrice.fromLiteLlmParams(null)).isEmpty();
        Map<String, Object> nulls = new HashMap<>();
        nulls.put("input_cost_per_token", null);
        assertThat(ModelPrice.fromLiteLlmParams(nulls)).isEmpty();
    }

    @Test
    void missingFieldsWithoutABase() {
        assertThat(ModelPrice.fromLiteLlmParams(Map.of("input_cost_per_token", 1e-6)))
                .contains(new ModelPrice(1, 0, 1, 1, 1));
        assertThat(ModelPrice.fromLiteLlmParams(Map.of("input_cost_per_token", 1e-6,
                "cache_creation_input_token_cost", 2e-6))).contains(new ModelPrice(1, 0, 2, 2, 1));
        assertThat(ModelPrice.fromLiteLlmParams(Map.of("output_cost_per_token", 0)))
                .contains(ModelPrice.FREE);
    }

    @Test
    void missingFieldsComeFromTheBase() {
        Optional<ModelPrice> p = ModelPrice.fromLiteLlmParams(
                Map.of("input_cost_per_token", 2.4e-6, "output_cost_per_token", 1.2e-5), Optional.of(SONNET_45));
        assertThat(p).contains(new ModelPrice(2.4, 12, 3.75, 6, 0.3, SONNET_45.above200k()));
        assertThat(ModelPrice.fromLiteLlmParams(Map.of(), Optional.of(SONNET_45))).isEmpty();
    }

    @Test
    void longContextParams() {
        Optional<ModelPrice> p = ModelPrice.fromLiteLlmParams(Map.of(
                "input_cost_per_token", 1e-6, "output_cost_per_token", 2e-6,
                "input_cost_per_token_above_200k_tokens", 4e-6));
        assertThat(p).contains(new ModelPrice(1, 2, 1, 1, 1, Optional.of(new ModelPrice(4, 2, 1, 1, 1))));
        assertThat(p.get().costUsd(new Usage(200_001, 0, 0, 0))).isCloseTo(200_001 * 4 / 1e6, within(1e-12));
    }

    @Test
    void invalidParamsAreRejected() {
        assertThatThrownBy(() -> ModelPrice.fromLiteLlmParams(Map.of("input_cost_per_token", "cheap")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("input_cost_per_token");
        assertThatThrownBy(() -> ModelPrice.fromLiteLlmParams(Map.of("output_cost_per_token", -1e-6)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }

    @Test
    void recordInvariants() {
        assertThatThrownBy(() -> new ModelPrice(-1, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ModelPrice(Double.NaN, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ModelPrice(0, Double.POSITIVE_INFINITY, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        ModelPrice tiered = new ModelPrice(1, 1, 1, 1, 1, Optional.of(ModelPrice.FREE));
        assertThatThrownBy(() -> new ModelPrice(1, 1, 1, 1, 1, Optional.of(tiered)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
