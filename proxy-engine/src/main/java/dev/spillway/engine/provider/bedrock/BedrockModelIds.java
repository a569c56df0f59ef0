package dev.spillway.engine.provider.bedrock;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps the model name a client sent (an Anthropic API id such as {@code claude-sonnet-4-5-20250929}, an undated alias
 * such as {@code claude-sonnet-4-5}, or an id that already is Bedrock's) to the model / inference-profile id that
 * Bedrock InvokeModel takes.
 *
 * <p>Order of precedence:
 * <ol>
 *   <li>an entry of the {@code bedrock_model_ids} config map ({@code overrides}) for the exact name, else for the name
 *       without Claude Code's {@code [1m]} suffix;</li>
 *   <li>names that already are Bedrock ids ({@code anthropic.…}, {@code <geo>.anthropic.…}, ARNs) pass through;</li>
 *   <li>the Anthropic ids of protocols.md §3.2 map to {@code <prefix>.anthropic.<id>-v1:0}, where the prefix is
 *       {@code global.} when the model has a global profile (cheapest: regional profiles cost 10% more), else the
 *       geography of {@code region} when the model has a profile there, else {@code us.};</li>
 *   <li>any other name is derived: {@code global.anthropic.<name>-v1:0} when it ends in an 8-digit date, else
 *       {@code global.anthropic.<name>} (the form of the newer Bedrock ids, e.g. {@code anthropic.claude-sonnet-4-6},
 *       {@code anthropic.claude-opus-4-8}); {@code claude-opus-4-6} is the one known exception and gets {@code -v1}.
 *       A wrong guess is fixed with a {@code bedrock_model_ids} entry.</li>
 * </ol>
 * The {@code [1m]} suffix is always removed: Bedrock ids never carry it (Claude Code strips it too).
 *
 * <p>Regions follow Claude Code's rule ({@code us-gov-*} → {@code us-gov.}, {@code us-*} → {@code us.}, {@code eu-*}
 * → {@code eu.}, {@code ap-*} → {@code apac.}). GovCloud is a separate partition without global or commercial
 * profiles, so a {@code us-gov-*} region always gets {@code us-gov.}. Regions of no listed geography (and a missing
 * region) fall back to {@code us.} for models without a global profile.
 */
public final class BedrockModelIds {

    /** Anthropic id → geographies with a system-defined inference profile (protocols.md §3.2). */
    private static final Map<String, Set<String>> KNOWN = Map.of(
            "claude-opus-4-5-20251101", Set.of("global", "us", "eu"),
            "claude-sonnet-4-5-20250929", Set.of("global", "us", "eu", "jp"),
            "claude-haiku-4-5-20251001", Set.of("global", "us", "eu"),
            "claude-sonnet-4-20250514", Set.of("global", "us", "eu", "apac"),
            "claude-opus-4-1-20250805", Set.of("us"),
            "claude-opus-4-20250514", Set.of(),
            "claude-3-7-sonnet-20250219", Set.of(),
            "claude-3-5-haiku-20241022", Set.of("us"));

    /** Undated names whose Bedrock id is not simply the name (observed ids: {@code anthropic.claude-opus-4-6-v1}). */
    private static final Map<String, String> UNDATED_EXCEPTIONS = Map.of("claude-opus-4-6", "claude-opus-4-6-v1");

    private static final Pattern DATE_SUFFIX = Pattern.compile("-\\d{8}$");
    private static final Pattern BEDROCK_ID = Pattern.compile("^(?:[a-z]{2,6}(?:-[a-z]{2,4})?\\.)?anthropic\\..+");
    private static final String CONTEXT_SUFFIX = "[1m]";
    private static final String LATEST_SUFFIX = "-latest";

    /** Undated alias (e.g. {@code claude-sonnet-4-5}) → dated Anthropic id. */
    private static final Map<String, String> ALIASES = aliases();

    private BedrockModelIds() {
    }

    /**
     * @param model     the model name from the client's request body
     * @param region    the AWS region requests go to, e.g. {@code eu-west-1}; may be null
     * @param overrides the {@code bedrock_model_ids} config map (client name → Bedrock id); may be null
     * @return the Bedrock model or inference-profile id
     * @throws IllegalArgumentException if {@code model} is null or blank
     */
    public static String resolve(String model, String region, Map<String, String> overrides) {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model is required to pick a Bedrock model id");
        }
        String name = model.trim();
        String plain = withoutContextSuffix(name);
        if (plain.isEmpty()) {
            throw new IllegalArgumentException("model name '" + name + "' names no model");
        }
        if (overrides != null) {
            String override = overrides.containsKey(name) ? overrides.get(name) : overrides.get(plain);
            if (override != null && !override.isBlank()) {
                return withoutContextSuffix(override.trim());
            }
        }
        if (isBedrockId(plain)) {
            return plain;
        }
        String id = plain.toLowerCase(Locale.ROOT);
        if (id.endsWith(LATEST_SUFFIX)) {
            id = id.substring(0, id.length() - LATEST_SUFFIX.length());
        }
        id = ALIASES.getOrDefault(id, id);
        Set<String> geos = KNOWN.get(id);
        if (geos != null) {
            return knownPrefix(geos, geoOf(region)) + "anthropic." + id + "-v1:0";
        }
        String prefix = "us-gov".equals(geoOf(region)) ? "us-gov." : "global.";
        String base = DATE_SUFFIX.matcher(id).find() ? id + "-v1:0" : UNDATED_EXCEPTIONS.getOrDefault(id, id);
        return prefix + "anthropic." + base;
    }

    private static String knownPrefix(Set<String> geos, String geo) {
        if ("us-gov".equals(geo)) {
            return "us-gov.";
        }
        if (geos.contains("global")) {
            return "global.";
        }
        return geo != null && geos.contains(geo) ? geo + "." : "us.";
    }

    /** Claude Code's region → profile-geography rule; null when the region belongs to no listed geography. */
    private static String geoOf(String region) {
        if (region == null) {
            return null;
        }
        String r = region.trim().toLowerCase(Locale.ROOT);
        if (r.startsWith("us-gov-")) {
            return "us-gov";
        }
        if (r.startsWith("us-")) {
            return "us";
        }
        if (r.startsWith("eu-")) {
            return "eu";
        }
        return r.startsWith("ap-") ? "apac" : null;
    }

    private static boolean isBedrockId(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith("arn:aws") || BEDROCK_ID.matcher(lower).matches();
    }

    private static String withoutContextSuffix(String name) {
        boolean suffixed = name.regionMatches(true, name.length() - CONTEXT_SUFFIX.length(), CONTEXT_SUFFIX, 0,
                CONTEXT_SUFFIX.length());
        return suffixed ? name.substring(0, name.length() - CONTEXT_SUFFIX.length()).trim() : name;
    }

    private static Map<String, String> aliases() {
        Map<String, String> aliases = new HashMap<>();
        KNOWN.keySet().forEach(id -> aliases.put(DATE_SUFFIX.matcher(id).replaceFirst(""), id));
        return Map.copyOf(aliases);
    }
}
