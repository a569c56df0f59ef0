package dev.spillway.engine.cost;

import dev.spillway.engine.events.RequestEvent;
import java.util.Objects;
import java.util.Optional;

/**
 * Prices requests: {@code (input×in + cacheWrite×w + cacheRead×r + output×out) / 1e6} with the prices of
 * {@link ModelPrice} (USD per million tokens).
 *
 * <p>{@link RequestEvent.Usage} is in Anthropic's shape: {@code inputTokens} excludes cache reads and writes. Usage of
 * OpenAI-compatible providers arrives already split that way ({@code inputTokens = prompt_tokens − cached_tokens},
 * {@code cacheReadTokens = cached_tokens} or DeepSeek's {@code prompt_cache_hit_tokens}, no cache writes), so cached
 * tokens are not counted twice. Cache writes are priced as 5-minute writes: the usage does not say their TTL.
 *
 * <p>A deployment's own price ({@link ModelPrice#fromLiteLlmParams}) wins over the table. With neither, the cost is
 * {@link Cost#UNKNOWN} (0 USD, {@code known == false}) — unless the usage has no tokens at all, which costs a
 * known 0.
 */
public final class CostCalculator {

    private final PriceTable table;

    public CostCalculator(PriceTable table) {
        this.table = Objects.requireNonNull(table, "table");
    }

    /** A calculator over {@link PriceTable#bundled()}. */
    public static CostCalculator bundled() {
        return new CostCalculator(PriceTable.bundled());
    }

    public PriceTable table() {
        return table;
    }

    /**
     * @param provider {@code anthropic}, {@code bedrock}, …, see {@link PriceTable#lookup}
     * @param model    the model the upstream was asked for
     * @param usage    the tokens the upstream reported
     * @param override the deployment's own price, if it has one
     */
    public Cost cost(String provider, String model, RequestEvent.Usage usage, Optional<ModelPrice> override) {
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(override, "override");
        Optional<ModelPrice> price = override.isPresent() ? override : table.lookup(provider, model);
        if (price.isPresent()) {
            return Cost.of(price.get().costUsd(usage));
        }
        return usage.totalTokens() == 0 ? Cost.of(0) : Cost.UNKNOWN;
    }

    /** {@link #cost} in USD; 0 when the price is unknown (use {@link #cost} to tell). */
    public double costUsd(String provider, String model, RequestEvent.Usage usage, Optional<ModelPrice> override) {
        return cost(provider, model, usage, override).usd();
    }

    /**
     * The cost of a finished request: cache hits and requests that reached no upstream cost a known 0; otherwise
     * {@link #cost} of its provider, upstream model and usage.
     */
    public Cost cost(RequestEvent event, Optional<ModelPrice> override) {
        Objects.requireNonNull(event, "event");
        if (event.cacheHit()) {
            return Cost.of(0);
        }
        if (event.provider().isEmpty() && event.usage().totalTokens() == 0) {
            return Cost.of(0);
        }
        return cost(event.provider().orElse(null), event.upstreamModel().orElse(null), event.usage(), override);
    }
}
