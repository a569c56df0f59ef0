package dev.spillway.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One value of the YAML tree together with its key path ({@code model_list[2].litellm_params.timeout}). Reading a
 * scalar resolves {@code os.environ/NAME} and checks the type; every failure is a {@link ConfigException} naming the
 * path, what was expected and what was found. Values of secret keys, and values that came from the environment, are
 * never shown in messages.
 *
 * <p>An absent key and an explicit YAML null both count as "not set".
 */
final class ConfigNode {

    static final String ENV_PREFIX = "os.environ/";

    /** Key names whose values must never appear in a message. */
    private static final Pattern SECRET_KEY =
            Pattern.compile("(^|[_-])(key|secret|token|password)([_-]|$)", Pattern.CASE_INSENSITIVE);
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_*/-]+");
    private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(Integer.MAX_VALUE);
    private static final int MAX_SHOWN_CHARS = 60;

    private final ConfigContext context;
    private final String path;
    private final JsonNode node;
    private final boolean secret;

    private ConfigNode(ConfigContext context, String path, JsonNode node, boolean secret) {
        this.context = context;
        this.path = path;
        this.node = node == null ? MissingNode.getInstance() : node;
        this.secret = secret;
    }

    static ConfigNode root(ConfigContext context, JsonNode node) {
        return new ConfigNode(context, "", node, false);
    }

    String path() {
        return path;
    }

    ConfigContext context() {
        return context;
    }

    /** False for an absent key and for an explicit null. */
    boolean isSet() {
        return !node.isMissingNode() && !node.isNull();
    }

    boolean isMap() {
        return node.isObject();
    }

    /** The value of {@code key} in this map; not set if this is no map or has no such key. */
    ConfigNode get(String key) {
        JsonNode child = node.isObject() ? node.get(key) : null;
        return child(key, child);
    }

    // ---- structure -------------------------------------------------------------------------------------------

    /** The entries of this map in file order; empty if not set. Fails if it is set but not a map. */
    Map<String, ConfigNode> entries(String expectation) {
        if (!isSet()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw expected(expectation);
        }
        Map<String, ConfigNode> entries = new LinkedHashMap<>();
        node.properties().forEach(e -> entries.put(e.getKey(), child(e.getKey(), e.getValue())));
        return entries;
    }

    /** The elements of this list in order; empty if not set. Fails if it is set but not a list. */
    List<ConfigNode> elements(String expectation) {
        if (!isSet()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw expected(expectation);
        }
        List<ConfigNode> elements = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            elements.add(new ConfigNode(context, path + "[" + i + "]", node.get(i), secret));
        }
        return elements;
    }

    /** Fails unless this is a map; {@code expectation} describes it, e.g. "a map of litellm parameters". */
    ConfigNode requireMap(String expectation) {
        if (!isSet()) {
            throw missing(expectation);
        }
        if (!node.isObject()) {
            throw expected(expectation);
        }
        return this;
    }

    // ---- scalars ---------------------------------------------------------------------------------------------

    /** A string; numbers and booleans are taken as written. Empty strings count as not set. */
    Optional<String> optionalString() {
        if (!isSet()) {
            return Optional.empty();
        }
        Scalar scalar = scalar();
        if (!scalar.value().isValueNode()) {
            throw expected("a string", scalar);
        }
        String text = scalar.value().asText();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** A non-empty string; {@code expectation} says what it is, e.g. "the model group name clients send". */
    String requiredString(String expectation) {
        if (!isSet()) {
            throw missing(expectation);
        }
        return optionalString().orElseThrow(() -> error("is empty; expected " + expectation));
    }

    /** A whole number {@code >= min}. */
    Optional<Integer> optionalInt(int min) {
        if (!isSet()) {
            return Optional.empty();
        }
        Scalar scalar = scalar();
        BigDecimal number = number(scalar, "a whole number");
        if (number.signum() != 0 && number.stripTrailingZeros().scale() > 0) {
            throw expected("a whole number", scalar);
        }
        if (number.compareTo(BigDecimal.valueOf(min)) < 0) {
            throw expected("a whole number (" + min + " or more)", scalar);
        }
        if (number.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            throw expected("a whole number up to " + Integer.MAX_VALUE, scalar);
        }
        return Optional.of(number.intValue());
    }

    /** A number of seconds (whole or fractional); zero is allowed only if {@code allowZero}. */
    Optional<Duration> optionalSeconds(boolean allowZero) {
        if (!isSet()) {
            return Optional.empty();
        }
        Scalar scalar = scalar();
        BigDecimal seconds = number(scalar, "a number of seconds");
        String range = allowZero ? "a number of seconds (0 or more)" : "a number of seconds greater than 0";
        if (seconds.signum() < 0) {
            throw expected(range, scalar);
        }
        if (seconds.compareTo(MAX_SECONDS) > 0) {
            throw expected("a number of seconds up to " + Integer.MAX_VALUE, scalar);
        }
        Duration duration =
                Duration.ofNanos(seconds.movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValueExact());
        if (duration.isZero() && !allowZero) {
            throw expected(range, scalar);
        }
        return Optional.of(duration);
    }

    /** {@code true} or {@code false}. */
    Optional<Boolean> optionalBoolean() {
        if (!isSet()) {
            return Optional.empty();
        }
        Scalar scalar = scalar();
        JsonNode value = scalar.value();
        if (value.isBoolean()) {
            return Optional.of(value.booleanValue());
        }
        if (value.isTextual()) {
            String text = value.asText().trim().toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("false")) {
                return Optional.of(Boolean.parseBoolean(text));
            }
        }
        throw expected("true or false", scalar);
    }

    /** An absolute {@code http://} or {@code https://} URL. */
    Optional<URI> optionalHttpUri() {
        Optional<String> text = optionalString();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String expectation = "an absolute http:// or https:// URL";
        try {
            URI uri = new URI(text.get().trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw expected(expectation, scalar());
    }

    /**
     * The value as plain Java objects ({@code String}, {@code Integer}, {@code Long}, {@code Double},
     * {@code Boolean}, {@code List}, {@code Map}, {@code null}), with every {@code os.environ/} reference resolved.
     * For parameters Spillway passes through without interpreting.
     */
    Object plainValue() {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            entries("a map").forEach((key, value) -> map.put(key, value.plainValue()));
            return Collections.unmodifiableMap(map);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            elements("a list").forEach(element -> list.add(element.plainValue()));
            return Collections.unmodifiableList(list);
        }
        if (!isSet()) {
            return null;
        }
        JsonNode value = scalar().value();
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isInt()) {
            return value.intValue();
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        return value.asText();
    }

    // ---- errors ----------------------------------------------------------------------------------------------

    ConfigException error(String problem) {
        return context.error(path, problem);
    }

    /** "expected {@code expectation}, found …" for this value. */
    ConfigException expected(String expectation) {
        return error("expected " + expectation + ", found " + describe(new Scalar(node, null)));
    }

    /** How this value appears in messages: quoted, or a placeholder for secrets and environment values. */
    String shownValue() {
        return describe(scalar());
    }

    /** Whether the value is written {@code os.environ/NAME}. */
    boolean isEnvironmentReference() {
        return node.isTextual() && node.asText().trim().startsWith(ENV_PREFIX);
    }

    void warn(String message) {
        context.warn(path, message);
    }

    private ConfigException expected(String expectation, Scalar found) {
        return error("expected " + expectation + ", found " + describe(found));
    }

    private ConfigException missing(String expectation) {
        return error((node.isNull() ? "is empty" : "is missing") + "; expected " + expectation);
    }

    // ---- internals -------------------------------------------------------------------------------------------

    /** A scalar after resolving {@code os.environ/NAME}; {@code envName} says where the value came from. */
    private record Scalar(JsonNode value, String envName) {}

    private Scalar scalar() {
        if (!node.isTextual() || !node.asText().trim().startsWith(ENV_PREFIX)) {
            return new Scalar(node, null);
        }
        String reference = node.asText().trim();
        String name = reference.substring(ENV_PREFIX.length()).trim();
        if (name.isEmpty()) {
            throw error("os.environ/ must be followed by the name of an environment variable");
        }
        String value = context.environment().get(name).orElseThrow(() -> error(
                "environment variable " + name + " is not set (referenced as " + ENV_PREFIX + name + ")"));
        if (value.isEmpty()) {
            throw error("environment variable " + name + " is empty (referenced as " + ENV_PREFIX + name + ")");
        }
        return new Scalar(TextNode.valueOf(value), name);
    }

    private BigDecimal number(Scalar scalar, String expectation) {
        JsonNode value = scalar.value();
        try {
            if (value.isNumber()) {
                return value.decimalValue();
            }
            if (value.isTextual()) {
                return new BigDecimal(value.asText().trim());
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw expected(expectation, scalar);
    }

    private String describe(Scalar found) {
        JsonNode value = found.value();
        if (found.envName() != null) {
            return "the value of " + ENV_PREFIX + found.envName() + " (not shown)";
        }
        if (value.isMissingNode()) {
            return "nothing";
        }
        if (value.isNull()) {
            return "an empty value";
        }
        if (value.isObject()) {
            return "a map";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (secret) {
            return "a " + (value.isTextual() ? "string" : "value") + " (not shown: secret)";
        }
        if (!value.isTextual()) {
            return value.asText();
        }
        return quote(value.asText());
    }

    private static String quote(String text) {
        String shown = text.length() > MAX_SHOWN_CHARS ? text.substring(0, MAX_SHOWN_CHARS) + "..." : text;
        return '"' + shown.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
                + '"';
    }

    private ConfigNode child(String key, JsonNode value) {
        String childPath = PLAIN_KEY.matcher(key).matches()
                ? (path.isEmpty() ? key : path + "." + key)
                : path + "[" + quote(key) + "]";
        return new ConfigNode(context, childPath, value, secret || SECRET_KEY.matcher(key).find());
    }

    /** This node, marked so that its values (and those below it) are never shown in messages. */
    ConfigNode asSecret() {
        return new ConfigNode(context, path, node, true);
    }
}
