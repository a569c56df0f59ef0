package dev.spillway.engine.cost;

import dev.spillway.engine.events.RequestEvent;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The price of one model, in USD per million tokens.
 *
 * @param input        uncached input tokens
 * @param output       output tokens (reasoning tokens included)
 * @param cacheWrite   tokens written to the prompt cache with the 5-minute TTL
 * @param cacheWrite1h tokens written to the prompt cache with the 1-hour TTL
 * @param cacheRead    tokens read from the prompt cache
 * @param above200k    prices that apply to <em>every</em> token of a request whose input (input + cache reads + cache
 *                     writes) exceeds {@link #LONG_CONTEXT_THRESHOLD} tokens (LiteLLM's {@code *_above_200k_tokens};
 *                     Sonnet 4 / 4.5 with the 1M context beta); a tier has no tier of its own
 */
public record ModelPrice(
        double input, double output, double cacheWrite, double cacheWrite1h, double cacheRead,
        Optional<ModelPrice> above200k) {

    /** Input size (input + cache reads + cache writes) above which {@link #above200k} prices apply. */
    public static final long LONG_CONTEXT_THRESHOLD = 200_000;

    /** Everything free (local models, cache hits). */
    public static final ModelPrice FREE = new ModelPrice(0, 0, 0, 0, 0);

    private static final double MILLION = 1_000_000d;

    private static final String INPUT = "input_cost_per_token";
    private static final String OUTPUT = "output_cost_per_token";
    private static final String CACHE_READ = "cache_read_input_token_cost";
    private static final String CACHE_WRITE = "cache_creation_input_token_cost";
    private static final String CACHE_WRITE_1H = "cache_creation_input_token_cost_above_1hr";
    private static final String ABOVE_200K = "_above_200k_tokens";

    public ModelPrice {
        check("input", input);
        check("output", output);
        check("cacheWrite", cacheWrite);
        check("cacheWrite1h", cacheWrite1h);
        check("cacheRead", cacheRead);
        Objects.requireNonNull(above200k, "above200k");
        if (above200k.isPresent() && above200k.get().above200k().isPresent()) {
            throw new IllegalArgumentException("a long-context tier cannot have a tier of its own");
        }
    }

    /** A price without a long-context tier. */
    public ModelPrice(double input, double output, double cacheWrite, double cacheWrite1h, double cacheRead) {
        this(input, output, cacheWrite, cacheWrite1h, cacheRead, Optional.empty());
    }

    /**
     * The cost of {@code usage} in USD. {@link RequestEvent.Usage} does not split cache writes by TTL, so all of them
     * are priced as 5-minute writes (Claude Code's default TTL; protocols.md §5).
     *
     * <p>{@code usage} is in Anthropic's shape: {@code inputTokens} excludes cache reads and writes. OpenAI-compatible
     * usage arrives already split that way (input = {@code prompt_tokens − cached_tokens}, cache reads =
     * {@code cached_tokens}, no cache writes), so the same formula prices it.
     */
    public double costUsd(RequestEvent.Usage usage) {
        Objects.requireNonNull(usage, "usage");
        return costUsd(usage.inputTokens(), usage.outputTokens(), usage.cacheReadTokens(), usage.cacheWriteTokens(), 0);
    }

    /**
     * {@code (input×in + cacheWrite5m×w + cacheWrite1h×w1h + cacheRead×r + output×out) / 1e6}, with the
     * {@link #above200k} prices for all tokens when the input exceeds {@link #LONG_CONTEXT_THRESHOLD}.
     */
    public double costUsd(long inputTokens, long outputTokens, long cacheReadTokens, long cacheWrite5mTokens,
            long cacheWrite1hTokens) {
        long promptTokens = inputTokens + cacheReadTokens + cacheWrite5mTokens + cacheWrite1hTokens;
        ModelPrice p = promptTokens > LONG_CONTEXT_THRESHOLD ? above200k.orElse(this) : this;
        return (inputTokens * p.input
                + cacheWrite5mTokens * p.cacheWrite
                + cacheWrite1hTokens * p.cacheWrite1h
                + cacheReadTokens * p.cacheRead
                + outputTokens * p.output) / MILLION;
    }

    /**
     * A deployment's own prices from LiteLLM's per-token fields ({@code litellm_params} or {@code model_info}):
     * {@code input_cost_per_token}, {@code output_cost_per_token}, {@code cache_read_input_token_cost},
     * {@code cache_creation_input_token_cost} and {@code cache_creation_input_token_cost_above_1hr}, plus their
     * {@code *_above_200k_tokens} variants. Values are USD per token, as numbers or strings such as {@code "3e-7"}.
     * Fields not given are: input and output 0, cache reads and 5-minute writes the input price, 1-hour writes the
     * 5-minute write price.
     *
     * @return empty if none of the per-token fields is present
     * @throws IllegalArgumentException if a field is not a non-negative number
     */
    public static Optional<ModelPrice> fromLiteLlmParams(Map<String, ?> params) {
        return fromLiteLlmParams(params, Optional.empty());
    }

    /**
     * Like {@link #fromLiteLlmParams(Map)}, but fields not given are taken from {@code base} (typically the bundled
     * price of the deployment's model, {@link PriceTable#lookup}), as LiteLLM merges custom prices into its model map.
     * The long-context tier of {@code base} is kept unless the params give one; {@code *_above_200k_tokens} fields not
     * given are taken from that tier, else from the deployment's flat price.
     */
    public static Optional<ModelPrice> fromLiteLlmParams(Map<String, ?> params, Optional<ModelPrice> base) {
        Objects.requireNonNull(base, "base");
        if (params == null) {
            return Optional.empty();
        }
        Optional<ModelPrice> main = merge(params, "", base);
        ModelPrice flat = main.or(() -> base).orElse(FREE);
        // tier fields not given: the base's tier, else the deployment's flat price
        Optional<ModelPrice> tierBase = base.flatMap(ModelPrice::above200k).or(() -> Optional.of(flat));
        Optional<ModelPrice> tier = merge(params, ABOVE_200K, tierBase);
        if (main.isEmpty() && tier.isEmpty()) {
            return Optional.empty();
        }
        Optional<ModelPrice> longContext = tier.isPresent() ? tier : base.flatMap(ModelPrice::above200k);
        return Optional.of(new ModelPrice(flat.input, flat.output, flat.cacheWrite, flat.cacheWrite1h, flat.cacheRead,
                longContext));
    }

    private static Optional<ModelPrice> merge(Map<String, ?> params, String suffix, Optional<ModelPrice> base) {
        Double in = perMillion(params, INPUT + suffix);
        Double out = perMillion(params, OUTPUT + suffix);
        Double read = perMillion(params, CACHE_READ + suffix);
        Double write = perMillion(params, CACHE_WRITE + suffix);
        Double write1h = perMillion(params, CACHE_WRITE_1H + suffix);
        if (in == null && out == null && read == null && write == null && write1h == null) {
            return Optional.empty();
        }
        double input = in != null ? in : base.map(ModelPrice::input).orElse(0d);
        double output = out != null ? out : base.map(ModelPrice::output).orElse(0d);
        double cacheRead = read != null ? read : base.map(ModelPrice::cacheRead).orElse(input);
        double cacheWrite = write != null ? write : base.map(ModelPrice::cacheWrite).orElse(input);
        double cacheWrite1h = write1h != null ? write1h : base.map(ModelPrice::cacheWrite1h).orElse(cacheWrite);
        return Optional.of(new ModelPrice(input, output, cacheWrite, cacheWrite1h, cacheRead));
    }

    /** The per-token value of {@code key} × 1e6, or null when absent. */
    private static Double perMillion(Map<String, ?> params, String key) {
        Object value = params.get(key);
        if (value == null) {
            return null;
        }
        BigDecimal perToken;
        try {
            perToken = value instanceof BigDecimal big ? big
                    : value instanceof Number number ? new BigDecimal(number.toString())
                    : new BigDecimal(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number of USD per token, got '" + value + "'", e);
        }
        if (perToken.signum() < 0) {
            throw new IllegalArgumentException(key + " must not be negative, got " + value);
        }
        // BigDecimal keeps 3e-7 × 1e6 at exactly 0.3 instead of 0.30000000000000004.
        return perToken.movePointRight(6).doubleValue();
    }

    private static void check(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " price must be a non-negative number, got " + value);
        }
    }
}
