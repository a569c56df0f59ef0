package dev.spillway.engine.routing;

import dev.spillway.engine.config.ConfigException;
import dev.spillway.engine.config.DeploymentConfig;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What a deployment's {@code litellm_params} say about load balancing.
 *
 * @param weight share of first picks under {@code simple-shuffle} ({@code weight}, 0 or more)
 * @param rpm requests it may start per minute ({@code rpm}, 1 or more); also a {@code simple-shuffle} weight
 * @param tpm tokens it may use per minute ({@code tpm}, 1 or more); also a {@code simple-shuffle} weight
 * @param order priority ({@code order}): the lowest order with a usable deployment is tried first, deployments
 *     without one after every ordered one
 */
public record RoutingParams(OptionalDouble weight, OptionalLong rpm, OptionalLong tpm, OptionalInt order) {

    public static final RoutingParams NONE =
            new RoutingParams(OptionalDouble.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalInt.empty());

    boolean hasLimits() {
        return rpm.isPresent() || tpm.isPresent();
    }

    /**
     * Reads {@code weight}, {@code rpm}, {@code tpm} and {@code order} from {@link DeploymentConfig#extraParams()}.
     *
     * @throws ConfigException naming the deployment and the key if a value is no number in range
     */
    public static RoutingParams of(DeploymentConfig config) {
        Reader reader = new Reader(config);
        return new RoutingParams(
                reader.number("weight", BigDecimal.ZERO, false).map(n -> OptionalDouble.of(n.doubleValue()))
                        .orElse(OptionalDouble.empty()),
                reader.number("rpm", BigDecimal.ONE, true).map(n -> OptionalLong.of(n.longValueExact()))
                        .orElse(OptionalLong.empty()),
                reader.number("tpm", BigDecimal.ONE, true).map(n -> OptionalLong.of(n.longValueExact()))
                        .orElse(OptionalLong.empty()),
                reader.number("order", BigDecimal.ZERO, true).map(n -> OptionalInt.of(n.intValueExact()))
                        .orElse(OptionalInt.empty()));
    }

    private record Reader(DeploymentConfig config) {

        private static final BigDecimal MAX = BigDecimal.valueOf(Integer.MAX_VALUE);

        Optional<BigDecimal> number(String key, BigDecimal min, boolean whole) {
            Object value = config.extraParams().get(key);
            if (value == null) {
                return Optional.empty();
            }
            BigDecimal number = parse(value);
            boolean fits = number != null && number.compareTo(min) >= 0 && number.compareTo(MAX) <= 0
                    && (!whole || number.signum() == 0 || number.stripTrailingZeros().scale() <= 0);
            if (!fits) {
                String expected = (whole ? "a whole number" : "a number") + " from " + min.toPlainString() + " to "
                        + Integer.MAX_VALUE;
                throw new ConfigException("model_list: deployment " + config.id() + " of model group '"
                        + config.modelName() + "': litellm_params." + key + ": expected " + expected + ", found "
                        + shown(value));
            }
            return Optional.of(number);
        }

        private static BigDecimal parse(Object value) {
            if (value instanceof Number || value instanceof String) {
                try {
                    return new BigDecimal(value.toString().trim());
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            return null;
        }

        private static String shown(Object value) {
            if (value instanceof String text) {
                return '"' + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + '"';
            }
            return value instanceof Number || value instanceof Boolean ? value.toString() : "a list or map";
        }
    }
}
