package dev.spillway.engine.cost;

/**
 * The cost of one request.
 *
 * @param usd   cost in USD; 0 when not {@code known}
 * @param known whether the model's price was known (from the table or a deployment's override); an unknown price
 *              counts as 0 but should not be mistaken for "free"
 */
public record Cost(double usd, boolean known) {

    /** No price was found. */
    public static final Cost UNKNOWN = new Cost(0, false);

    public Cost {
        if (!(usd >= 0) || Double.isInfinite(usd)) {
            throw new IllegalArgumentException("cost must be a non-negative number, got " + usd);
        }
        if (!known && usd != 0) {
            throw new IllegalArgumentException("an unknown cost must be 0");
        }
    }

    /** A known cost. */
    public static Cost of(double usd) {
        return new Cost(usd, true);
    }
}
