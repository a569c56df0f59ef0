package dev.spillway.engine.discovery;

import dev.spillway.engine.config.DeploymentConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The config's family aliases ({@code claude-opus}, {@code claude-sonnet}, {@code claude-haiku} and their
 * {@code bedrock/} twins) against what the accounts offer: which alias would move to a newer model, and the config
 * text with those moves made, comments and layout untouched.
 */
public final class ModelAliases {

    /** The families that have aliases. */
    public static final List<String> FAMILIES = List.of("opus", "sonnet", "haiku");

    private static final Pattern ALIAS = Pattern.compile("(?:bedrock/)?claude-(opus|sonnet|haiku)");
    private static final Pattern ENTRY_START = Pattern.compile("^(\\s*)-\\s");
    private static final Pattern TOP_LEVEL_KEY = Pattern.compile("^[A-Za-z_]");
    private static final Pattern MODEL_NAME = Pattern.compile("model_name:\\s*[\"']?([^\"'\\s#,}]+)");
    private static final Pattern MODEL = Pattern.compile("(\\bmodel:\\s*[\"']?)((?:anthropic|bedrock)/[^\"'\\s#,}]+)");

    /**
     * One alias moving to a newer model.
     *
     * @param modelName the alias, e.g. {@code claude-opus}
     * @param from its {@code litellm_params.model} now, e.g. {@code anthropic/claude-opus-4-1-20250805}
     * @param to the new value, e.g. {@code anthropic/claude-opus-4-5-20251101}
     */
    public record Change(String modelName, String from, String to) {
    }

    private ModelAliases() {
    }

    /** The newest model of each family among {@code ids} (Anthropic names or Bedrock ids), keyed by family. */
    public static Map<String, ClaudeModelName> newest(Collection<String> ids) {
        Map<String, ClaudeModelName> newest = new LinkedHashMap<>();
        for (String id : ids) {
            ClaudeModelName.parse(id).ifPresent(name -> newest.merge(name.family(), name,
                    (a, b) -> ClaudeModelName.NEWEST_FIRST.compare(a, b) <= 0 ? a : b));
        }
        return newest;
    }

    /**
     * The moves that bring each alias to the newest model of its family.
     *
     * @param anthropicIds the Anthropic account's models; empty to leave Anthropic aliases alone
     * @param bedrock the Bedrock account's models; empty to leave Bedrock aliases alone
     */
    public static List<Change> changes(List<DeploymentConfig> deployments, Optional<List<String>> anthropicIds,
            Optional<BedrockModelList.Available> bedrock) {
        Map<String, ClaudeModelName> newestAnthropic = anthropicIds.map(ModelAliases::newest).orElse(Map.of());
        Map<String, ClaudeModelName> newestBedrock = bedrock.map(b -> {
            List<String> all = new ArrayList<>(b.foundationModels());
            all.addAll(b.inferenceProfiles());
            return newest(all);
        }).orElse(Map.of());
        List<Change> changes = new ArrayList<>();
        for (DeploymentConfig d : deployments) {
            Matcher alias = ALIAS.matcher(d.modelName());
            if (!alias.matches()) {
                continue;
            }
            String family = alias.group(1);
            String current = d.provider() + "/" + d.model();
            Optional<String> target = switch (d.provider()) {
                case "anthropic" -> Optional.ofNullable(newestAnthropic.get(family))
                        .map(n -> "anthropic/" + n.anthropicName());
                case "bedrock" -> Optional.ofNullable(newestBedrock.get(family))
                        .map(n -> "bedrock/" + bedrockStyle(d.model(), n, bedrock.get()));
                default -> Optional.empty();
            };
            Optional<ClaudeModelName> now = ClaudeModelName.parse(d.model());
            target.filter(t -> !t.equals(current))
                    .filter(t -> now.isEmpty() || ClaudeModelName.NEWEST_FIRST.compare(
                            ClaudeModelName.parse(t.substring(t.indexOf('/') + 1)).orElseThrow(), now.get()) < 0)
                    .ifPresent(t -> changes.add(new Change(d.modelName(), current, t)));
        }
        return changes;
    }

    /** The new model written the way the old one was: an Anthropic name, a base model id, or a profile id. */
    private static String bedrockStyle(String current, ClaudeModelName newest, BedrockModelList.Available bedrock) {
        if (!current.contains("anthropic.")) {
            return newest.anthropicName();
        }
        String prefix = current.startsWith("anthropic.") ? "" : current.substring(0, current.indexOf("anthropic."));
        List<String> candidates = prefix.isEmpty() ? bedrock.foundationModels() : bedrock.inferenceProfiles();
        return candidates.stream().filter(id -> id.startsWith(prefix + "anthropic." + newest.anthropicName()))
                .findFirst().orElse(newest.anthropicName());
    }

    /** {@code yaml} with each change made on its alias's {@code model:} line; everything else byte for byte. */
    public static String apply(String yaml, List<Change> changes) {
        Map<String, Change> byAlias = new LinkedHashMap<>();
        changes.forEach(c -> byAlias.put(c.modelName(), c));
        StringBuilder out = new StringBuilder(yaml.length() + 64);
        List<String> entryLines = new ArrayList<>();
        String entry = null;
        int itemIndent = -1;
        for (String line : yaml.split("(?<=\n)", -1)) {
            Matcher item = ENTRY_START.matcher(line);
            boolean startsItem = item.find() && (itemIndent < 0 ? MODEL_NAME.matcher(line).find()
                    : item.group(1).length() == itemIndent);
            if (startsItem || TOP_LEVEL_KEY.matcher(line).find()) {
                flush(out, entryLines, entry, byAlias);
                entry = null;
                if (startsItem && itemIndent < 0) {
                    itemIndent = item.group(1).length();
                }
            }
            Matcher name = MODEL_NAME.matcher(line);
            if (name.find()) {
                entry = name.group(1);
            }
            entryLines.add(line);
        }
        flush(out, entryLines, entry, byAlias);
        return out.toString();
    }

    private static void flush(StringBuilder out, List<String> entryLines, String entry, Map<String, Change> byAlias) {
        Change change = entry == null ? null : byAlias.get(entry);
        boolean done = false;
        for (String line : entryLines) {
            Matcher model = MODEL.matcher(line);
            if (change != null && !done && model.find() && model.group(2).equals(change.from())) {
                out.append(line, 0, model.start(2)).append(change.to()).append(line.substring(model.end(2)));
                done = true;
            } else {
                out.append(line);
            }
        }
        entryLines.clear();
    }
}
