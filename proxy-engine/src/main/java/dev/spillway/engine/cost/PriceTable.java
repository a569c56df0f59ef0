package dev.spillway.engine.cost;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.engine.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Model prices by provider, read from a JSON file: the bundled {@code prices.json} next to this class, or any file of
 * the same shape ({@link #load}).
 *
 * <p>{@link #lookup} normalises the model name before it looks it up:
 * <ul>
 *   <li>surrounding blanks, case and Claude Code's {@code [1m]} suffix are ignored;</li>
 *   <li>a leading {@code <provider>/} (LiteLLM style, {@code anthropic/claude-sonnet-4-5}) is removed, and for Bedrock
 *       also {@code converse/} and {@code invoke/}; OpenRouter ids keep their vendor ({@code openai/gpt-4o});</li>
 *   <li>a missing provider is taken from such a prefix, e.g. {@code (null, "openai/gpt-4o")};</li>
 *   <li>Anthropic names: dated ids, their undated aliases ({@code claude-sonnet-4-5}), {@code -latest} names
 *       ({@code claude-3-7-sonnet-latest}) and the file's extra {@code aliases} ({@code claude-sonnet-4-0});</li>
 *   <li>Bedrock ids: the inference-profile prefix picks the price. {@code global.} is the base price;
 *       {@code us.}, {@code eu.}, {@code apac.}, {@code jp.} and {@code au.} are regional (10% more for the 4.5
 *       family). A base id without a prefix ({@code anthropic.claude-…-v1:0}) calls one region's endpoint directly
 *       and is priced as regional too: protocols.md §5 gives global profiles the base price and every geography
 *       the premium (the 4.5 models cannot be called on demand by base id anyway). {@code us-gov.} and other
 *       prefixes are unknown (GovCloud has its own price list). The version suffix ({@code -v1:0}) and the date
 *       are optional, as in {@code us.anthropic.claude-sonnet-4-5-v1:0}. An Anthropic-style name
 *       ({@code claude-sonnet-4-5-20250929}) gets the global price: {@code BedrockModelIds} sends such names to the
 *       global profile when the model has one, and the price of the others does not depend on the profile.
 *       ARNs are unknown: an application inference profile's ARN does not say which model it runs, so price such
 *       deployments with LiteLLM's {@code *_cost_per_token} fields;</li>
 *   <li>OpenAI-style dated names ({@code gpt-4o-2024-08-06}) fall back to the undated name when the dated one is not
 *       listed;</li>
 *   <li>OpenRouter ids ending in {@code :free} are free; other {@code :variant} suffixes are ignored;</li>
 *   <li>a provider with a {@code default} price (Ollama, Spillway's {@code cache}) prices every model with it.</li>
 * </ul>
 */
public final class PriceTable {

    /** The classpath resource of the bundled table. */
    public static final String RESOURCE = "prices.json";

    private static final Pattern CLAUDE_DATE = Pattern.compile("-\\d{8}$");
    private static final Pattern OPENAI_DATE = Pattern.compile("-\\d{4}-\\d{2}-\\d{2}$");
    private static final Pattern BEDROCK_ID =
            Pattern.compile("^(?:([a-z]{2,6}(?:-[a-z]{2,4})?)\\.)?anthropic\\.(.+?)(?:-v\\d+(?::\\d+)?)?$");
    private static final Set<String> REGIONAL_PREFIXES = Set.of("us", "eu", "apac", "jp", "au");
    private static final String CONTEXT_SUFFIX = "[1m]";
    private static final String LATEST_SUFFIX = "-latest";

    private static volatile PriceTable bundled;

    /** provider → (model key → price); Bedrock keys are {@code <base id>#global} / {@code <base id>#regional}. */
    private final Map<String, Map<String, ModelPrice>> models;
    /** provider → price of every model. */
    private final Map<String, ModelPrice> defaults;
    /** provider → (alias → model key). */
    private final Map<String, Map<String, String>> aliases;
    private final String asOf;

    private PriceTable(Map<String, Map<String, ModelPrice>> models, Map<String, ModelPrice> defaults,
            Map<String, Map<String, String>> aliases, String asOf) {
        this.models = models;
        this.defaults = defaults;
        this.aliases = aliases;
        this.asOf = asOf;
    }

    /** The bundled table, read once. */
    public static PriceTable bundled() {
        PriceTable table = bundled;
        if (table == null) {
            synchronized (PriceTable.class) {
                table = bundled;
                if (table == null) {
                    try (InputStream in = PriceTable.class.getResourceAsStream(RESOURCE)) {
                        if (in == null) {
                            throw new IllegalStateException("missing resource " + RESOURCE + " next to "
                                    + PriceTable.class.getName());
                        }
                        table = load(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read " + RESOURCE, e);
                    }
                    bundled = table;
                }
            }
        }
        return table;
    }

    /**
     * Reads a table in the shape of the bundled {@code prices.json}. Keys starting with {@code _} are comments.
     *
     * @throws IllegalArgumentException if the JSON is not such a table
     */
    public static PriceTable load(InputStream json) throws IOException {
        return parse(Json.MAPPER.readTree(json));
    }

    /** @see #load(InputStream) */
    public static PriceTable parse(JsonNode root) {
        JsonNode providers = root == null ? null : root.get("providers");
        if (providers == null || !providers.isObject()) {
            throw new IllegalArgumentException("price table needs a \"providers\" object");
        }
        Map<String, Map<String, ModelPrice>> models = new HashMap<>();
        Map<String, ModelPrice> defaults = new HashMap<>();
        Map<String, Map<String, String>> aliases = new HashMap<>();
        for (Map.Entry<String, JsonNode> entry : providers.properties()) {
            if (entry.getKey().startsWith("_")) {
                continue;
            }
            String provider = entry.getKey().toLowerCase(Locale.ROOT);
            JsonNode section = entry.getValue();
            if (section.has("default")) {
                defaults.put(provider, price(section.get("default"), provider + ".default", true));
            }
            Map<String, ModelPrice> byModel = new HashMap<>();
            Map<String, String> byAlias = new HashMap<>();
            for (Map.Entry<String, JsonNode> model : section.path("models").properties()) {
                if (model.getKey().startsWith("_")) {
                    continue;
                }
                String key = model.getKey().toLowerCase(Locale.ROOT);
                String where = provider + "." + model.getKey();
                if ("bedrock".equals(provider)) {
                    byModel.put(key + "#global", price(model.getValue().get("global"), where + ".global", true));
                    byModel.put(key + "#regional", price(model.getValue().get("regional"), where + ".regional", true));
                } else {
                    byModel.put(key, price(model.getValue(), where, true));
                    Matcher dated = CLAUDE_DATE.matcher(key);
                    if (dated.find()) {
                        byAlias.putIfAbsent(key.substring(0, dated.start()), key);
                    }
                }
            }
            for (Map.Entry<String, JsonNode> alias : section.path("aliases").properties()) {
                String target = alias.getValue().asText().toLowerCase(Locale.ROOT);
                if (!byModel.containsKey(target)) {
                    throw new IllegalArgumentException(provider + " alias " + alias.getKey() + " names unknown model "
                            + target);
                }
                byAlias.put(alias.getKey().toLowerCase(Locale.ROOT), target);
            }
            models.put(provider, Map.copyOf(byModel));
            aliases.put(provider, Map.copyOf(byAlias));
        }
        return new PriceTable(Map.copyOf(models), Map.copyOf(defaults), Map.copyOf(aliases),
                root.path("_as_of").asText(""));
    }

    /** The table's {@code _as_of} note ("" if it has none). */
    public String asOf() {
        return asOf;
    }

    /**
     * The price of {@code model} at {@code provider}.
     *
     * @param provider {@code anthropic}, {@code bedrock}, {@code openai}, …; null or blank to take it from a
     *                 {@code provider/} prefix of the model
     * @param model    the model the upstream was asked for
     * @return empty when the model (or provider) is not in the table
     */
    public Optional<ModelPrice> lookup(String provider, String model) {
        if (model == null || model.isBlank()) {
            return Optional.empty();
        }
        String name = withoutContextSuffix(model.trim()).toLowerCase(Locale.ROOT);
        String prov = provider == null ? "" : provider.trim().toLowerCase(Locale.ROOT);
        if (prov.isEmpty()) {
            int slash = name.indexOf('/');
            if (slash <= 0) {
                return Optional.empty();
            }
            prov = name.substring(0, slash);
            name = name.substring(slash + 1);
        } else if (name.startsWith(prov + "/")) {
            name = name.substring(prov.length() + 1);
        }
        ModelPrice fallback = defaults.get(prov);
        if (fallback != null) {
            return Optional.of(fallback);
        }
        if (!models.containsKey(prov) || name.isEmpty()) {
            return Optional.empty();
        }
        return switch (prov) {
            case "bedrock" -> bedrock(name);
            case "openrouter" -> openRouter(name);
            default -> plain(prov, name);
        };
    }

    private Optional<ModelPrice> plain(String provider, String name) {
        Map<String, ModelPrice> byModel = models.get(provider);
        Map<String, String> byAlias = aliases.getOrDefault(provider, Map.of());
        for (String candidate : candidates(name)) {
            ModelPrice price = byModel.get(candidate);
            if (price == null && byAlias.containsKey(candidate)) {
                price = byModel.get(byAlias.get(candidate));
            }
            if (price != null) {
                return Optional.of(price);
            }
        }
        return Optional.empty();
    }

    /** The name, without {@code -latest}, and without an OpenAI-style date. */
    private static String[] candidates(String name) {
        String undated = OPENAI_DATE.matcher(name).replaceFirst("");
        String notLatest = name.endsWith(LATEST_SUFFIX) ? name.substring(0, name.length() - LATEST_SUFFIX.length())
                : name;
        return new String[] {name, notLatest, undated};
    }

    private Optional<ModelPrice> bedrock(String name) {
        String id = name;
        for (String route : new String[] {"converse/", "invoke/"}) {
            if (id.startsWith(route)) {
                id = id.substring(route.length());
            }
        }
        if (id.startsWith("arn:")) {
            return Optional.empty();
        }
        String tier;
        String anthropicName;
        Matcher bedrockId = BEDROCK_ID.matcher(id);
        if (bedrockId.matches()) {
            String prefix = bedrockId.group(1);
            if (prefix == null) {
                tier = "regional";
            } else if ("global".equals(prefix)) {
                tier = "global";
            } else if (REGIONAL_PREFIXES.contains(prefix)) {
                tier = "regional";
            } else {
                return Optional.empty();
            }
            anthropicName = bedrockId.group(2);
        } else if (id.startsWith("claude-")) {
            tier = "global";
            anthropicName = id;
        } else {
            return Optional.empty();
        }
        if (anthropicName.endsWith(LATEST_SUFFIX)) {
            anthropicName = anthropicName.substring(0, anthropicName.length() - LATEST_SUFFIX.length());
        }
        String dated = aliases.getOrDefault("anthropic", Map.of()).getOrDefault(anthropicName, anthropicName);
        Map<String, ModelPrice> byModel = models.get("bedrock");
        ModelPrice price = byModel.get("anthropic." + dated + "-v1:0#" + tier);
        if (price == null) {
            price = byModel.get("anthropic." + dated + "#" + tier);
        }
        return Optional.ofNullable(price);
    }

    private Optional<ModelPrice> openRouter(String name) {
        String id = name.startsWith("openrouter/") ? name.substring("openrouter/".length()) : name;
        int colon = id.lastIndexOf(':');
        if (colon > 0) {
            if ("free".equals(id.substring(colon + 1))) {
                return Optional.of(ModelPrice.FREE);
            }
            id = id.substring(0, colon);
        }
        return plain("openrouter", id);
    }

    private static String withoutContextSuffix(String name) {
        boolean suffixed = name.regionMatches(true, name.length() - CONTEXT_SUFFIX.length(), CONTEXT_SUFFIX, 0,
                CONTEXT_SUFFIX.length());
        return suffixed ? name.substring(0, name.length() - CONTEXT_SUFFIX.length()).trim() : name;
    }

    private static ModelPrice price(JsonNode node, String where, boolean allowTier) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("price table: " + where + " must be an object of prices");
        }
        Optional<ModelPrice> tier = Optional.empty();
        if (node.has("above_200k_tokens")) {
            if (!allowTier) {
                throw new IllegalArgumentException("price table: " + where + " nests a tier in a tier");
            }
            tier = Optional.of(price(node.get("above_200k_tokens"), where + ".above_200k_tokens", false));
        }
        double input = number(node, "input", where, null);
        return new ModelPrice(
                input,
                number(node, "output", where, null),
                number(node, "cache_write", where, input),
                number(node, "cache_write_1h", where, number(node, "cache_write", where, input)),
                number(node, "cache_read", where, input),
                tier);
    }

    private static double number(JsonNode node, String field, String where, Double orElse) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (orElse == null) {
                throw new IllegalArgumentException("price table: " + where + " lacks " + field);
            }
            return orElse;
        }
        if (!value.isNumber() || value.doubleValue() < 0) {
            throw new IllegalArgumentException(
                    "price table: " + where + "." + field + " must be a non-negative number");
        }
        return value.doubleValue();
    }

    @Override
    public String toString() {
        return "PriceTable[as of " + asOf + ", " + models.keySet() + "]";
    }
}
