package dev.spillway.engine.config;

import dev.spillway.engine.files.AtomicFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * A config file being edited: the settings window's changes applied to the YAML tree itself, so everything else in the
 * user's file (other keys, their order, comments) survives a save. Not thread-safe; one editor at a time.
 *
 * <pre>{@code
 * ConfigDocument doc = ConfigDocument.read(file);
 * doc.set(47001, "spillway_settings", "port");
 * doc.setFallbacks("claude-sonnet", List.of("bedrock/claude-sonnet"));
 * doc.writeTo(file);
 * }</pre>
 */
public final class ConfigDocument {

    private final Yaml yaml;
    private final MappingNode root;

    private ConfigDocument(Yaml yaml, MappingNode root) {
        this.yaml = yaml;
        this.root = root;
    }

    /** @throws ConfigException if the text is not YAML or not a map at the top */
    public static ConfigDocument parse(String text) {
        Yaml yaml = newYaml();
        Node node;
        try {
            node = yaml.compose(new StringReader(text));
        } catch (YAMLException e) {
            YamlDocument.parse(text, "config"); // throws the loader's own, secret-free message
            throw new ConfigException("config: cannot be edited: " + e.getClass().getSimpleName(), null);
        }
        if (node == null) {
            return new ConfigDocument(yaml, new MappingNode(Tag.MAP, new ArrayList<>(), DumperOptions.FlowStyle.BLOCK));
        }
        if (!(node instanceof MappingNode map)) {
            throw new ConfigException("config: expected a map of settings at the top level", null);
        }
        return new ConfigDocument(yaml, map);
    }

    public static ConfigDocument read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw ConfigException.ofFile(file.toString(), "cannot be read (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** The file at {@code file} if it exists, else a copy of the built-in default config. */
    public static ConfigDocument readOrDefault(Path file) {
        return Files.isRegularFile(file) ? read(file) : parse(ConfigLoader.defaultConfigText());
    }

    private static Yaml newYaml() {
        LoaderOptions loading = new LoaderOptions();
        loading.setProcessComments(true);
        DumperOptions dumping = new DumperOptions();
        dumping.setProcessComments(true);
        dumping.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        dumping.setIndent(2);
        dumping.setIndicatorIndent(2);
        dumping.setIndentWithIndicator(true);
        dumping.setWidth(120);
        return new Yaml(new SafeConstructor(loading), new Representer(dumping), dumping, loading);
    }

    // ---- scalars by path --------------------------------------------------------------------------------

    /** The scalar at {@code path} (e.g. {@code "router_settings", "cooldown_time"}), as written in the file. */
    public Optional<String> get(String... path) {
        Node node = root;
        for (String key : path) {
            if (!(node instanceof MappingNode map)) {
                return Optional.empty();
            }
            node = value(map, key).orElse(null);
        }
        return node instanceof ScalarNode scalar ? Optional.of(scalar.getValue()) : Optional.empty();
    }

    /** Sets a string, number or boolean at {@code path}, creating the maps on the way; comments on it are kept. */
    public void set(Object value, String... path) {
        put(mapAt(root, path, path.length - 1), path[path.length - 1], scalar(value));
    }

    /** Removes the key at {@code path}, and the maps on the way that this leaves empty. */
    public void remove(String... path) {
        removeIn(root, path, 0);
    }

    private static boolean removeIn(MappingNode map, String[] path, int index) {
        String key = path[index];
        if (index == path.length - 1) {
            map.getValue().removeIf(t -> key.equals(keyOf(t)));
        } else if (value(map, key).orElse(null) instanceof MappingNode child && removeIn(child, path, index + 1)) {
            map.getValue().removeIf(t -> key.equals(keyOf(t)));
        }
        return map.getValue().isEmpty();
    }

    // ---- model_list ------------------------------------------------------------------------------------

    /** One {@code model_list} entry, edited in place. */
    public final class Deployment {
        private final MappingNode entry;

        private Deployment(MappingNode entry) {
            this.entry = entry;
        }

        public String modelName() {
            return value(entry, "model_name").filter(ScalarNode.class::isInstance)
                    .map(n -> ((ScalarNode) n).getValue()).orElse("");
        }

        public void setModelName(String name) {
            put(entry, "model_name", scalar(name));
        }

        /** {@code litellm_params.model}, e.g. {@code anthropic/claude-sonnet-4-5-20250929}. */
        public String model() {
            return param("model").orElse("");
        }

        /** The provider prefix of {@link #model()}, e.g. {@code anthropic}. */
        public String provider() {
            String model = model();
            int slash = model.indexOf('/');
            return slash < 0 ? "" : model.substring(0, slash);
        }

        public Optional<String> param(String key) {
            return value(entry, "litellm_params").filter(MappingNode.class::isInstance)
                    .flatMap(params -> value((MappingNode) params, key))
                    .filter(ScalarNode.class::isInstance).map(n -> ((ScalarNode) n).getValue());
        }

        public void setParam(String key, Object newValue) {
            put(mapAt(entry, new String[] {"litellm_params"}, 1), key, scalar(newValue));
        }

        public void removeParam(String key) {
            value(entry, "litellm_params").filter(MappingNode.class::isInstance)
                    .ifPresent(params -> ((MappingNode) params).getValue().removeIf(t -> key.equals(keyOf(t))));
        }
    }

    public List<Deployment> deployments() {
        List<Deployment> deployments = new ArrayList<>();
        for (Node element : modelList().getValue()) {
            if (element instanceof MappingNode entry) {
                deployments.add(new Deployment(entry));
            }
        }
        return deployments;
    }

    /** The model group names, in file order, each once. */
    public List<String> groups() {
        return deployments().stream().map(Deployment::modelName).distinct().toList();
    }

    /** Appends a {@code model_list} entry and returns it. */
    public Deployment addDeployment(String modelName, String model) {
        MappingNode params = new MappingNode(Tag.MAP, new ArrayList<>(), DumperOptions.FlowStyle.BLOCK);
        put(params, "model", scalar(model));
        MappingNode entry = new MappingNode(Tag.MAP, new ArrayList<>(), DumperOptions.FlowStyle.BLOCK);
        put(entry, "model_name", scalar(modelName));
        put(entry, "litellm_params", params);
        modelList().getValue().add(entry);
        return new Deployment(entry);
    }

    /** Removes every deployment of {@code group} and every fallback to or from it. */
    public void removeGroup(String group) {
        modelList().getValue().removeIf(n -> n instanceof MappingNode m && group.equals(new Deployment(m).modelName()));
        Map<String, List<String>> fallbacks = fallbacks();
        fallbacks.forEach((from, to) -> {
            if (from.equals(group)) {
                setFallbacks(from, List.of());
            } else if (to.contains(group)) {
                setFallbacks(from, to.stream().filter(t -> !t.equals(group)).toList());
            }
        });
    }

    private SequenceNode modelList() {
        Optional<Node> list = value(root, "model_list");
        if (list.isPresent() && list.get() instanceof SequenceNode sequence) {
            sequence.setFlowStyle(DumperOptions.FlowStyle.BLOCK);
            return sequence;
        }
        SequenceNode sequence = new SequenceNode(Tag.SEQ, new ArrayList<>(), DumperOptions.FlowStyle.BLOCK);
        put(root, "model_list", sequence);
        return sequence;
    }

    // ---- router_settings.fallbacks ---------------------------------------------------------------------

    /** {@code router_settings.fallbacks} as group → fallback groups in order (file order). */
    public Map<String, List<String>> fallbacks() {
        Map<String, List<String>> fallbacks = new LinkedHashMap<>();
        fallbackList().ifPresent(list -> {
            for (Node element : list.getValue()) {
                if (element instanceof MappingNode entry) {
                    for (NodeTuple tuple : entry.getValue()) {
                        List<String> targets = new ArrayList<>();
                        if (tuple.getValueNode() instanceof SequenceNode seq) {
                            seq.getValue().forEach(n -> {
                                if (n instanceof ScalarNode s) {
                                    targets.add(s.getValue());
                                }
                            });
                        }
                        fallbacks.put(keyOf(tuple), targets);
                    }
                }
            }
        });
        return fallbacks;
    }

    /** Sets the fallback groups of {@code group}, in order; an empty list removes its entry. */
    public void setFallbacks(String group, List<String> targets) {
        SequenceNode list = fallbackList().orElseGet(() -> {
            SequenceNode created = new SequenceNode(Tag.SEQ, new ArrayList<>(), DumperOptions.FlowStyle.BLOCK);
            put(mapAt(root, new String[] {"router_settings"}, 1), "fallbacks", created);
            return created;
        });
        SequenceNode targetNode = new SequenceNode(Tag.SEQ, new ArrayList<>(), DumperOptions.FlowStyle.FLOW);
        targets.forEach(t -> targetNode.getValue().add(scalar(t)));
        for (int i = 0; i < list.getValue().size(); i++) {
            if (list.getValue().get(i) instanceof MappingNode entry && value(entry, group).isPresent()) {
                if (targets.isEmpty()) {
                    list.getValue().remove(i);
                } else {
                    put(entry, group, targetNode);
                }
                return;
            }
        }
        if (!targets.isEmpty()) {
            MappingNode entry = new MappingNode(Tag.MAP, new ArrayList<>(), DumperOptions.FlowStyle.BLOCK);
            put(entry, group, targetNode);
            list.getValue().add(entry);
        }
    }

    private Optional<SequenceNode> fallbackList() {
        return value(root, "router_settings").filter(MappingNode.class::isInstance)
                .flatMap(settings -> value((MappingNode) settings, "fallbacks"))
                .filter(SequenceNode.class::isInstance).map(SequenceNode.class::cast);
    }

    // ---- output ----------------------------------------------------------------------------------------

    public String toYaml() {
        StringWriter out = new StringWriter();
        yaml.serialize(root, out);
        return joinDanglingDashes(out.toString());
    }

    /**
     * Writes the document to {@code file} atomically: a temporary file beside it, then one move, so readers see the
     * old file or the new one, never half of one. The folder is created if needed.
     */
    public void writeTo(Path file) throws IOException {
        AtomicFiles.write(file, toYaml().getBytes(StandardCharsets.UTF_8), AtomicFiles.Access.AS_BEFORE);
    }

    /**
     * SnakeYAML writes the comment above a list item after the item's {@code "- "}, leaving a dangling dash; this puts
     * the comment back above the item and the dash before its first key, where the user had them.
     */
    static String joinDanglingDashes(String text) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String body = line.stripLeading();
            int indent = line.length() - body.length();
            boolean dangling = body.startsWith("-") && (body.substring(1).isBlank() || body.startsWith("- #"));
            if (dangling) {
                int next = i + 1;
                while (next < lines.length && (lines[next].isBlank() || lines[next].strip().startsWith("#"))) {
                    next++;
                }
                String itemIndent = " ".repeat(indent + 2);
                if (next < lines.length && lines[next].startsWith(itemIndent)
                        && !Character.isWhitespace(lines[next].charAt(itemIndent.length()))) {
                    if (body.startsWith("- #")) {
                        out.append(itemIndent).append(body.substring(2)).append('\n');
                    }
                    for (int c = i + 1; c < next; c++) {
                        out.append(lines[c]).append('\n');
                    }
                    line = " ".repeat(indent) + "- " + lines[next].substring(itemIndent.length());
                    i = next;
                }
            }
            out.append(line);
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    // ---- node helpers ----------------------------------------------------------------------------------

    private static String keyOf(NodeTuple tuple) {
        return tuple.getKeyNode() instanceof ScalarNode key ? key.getValue() : null;
    }

    private static Optional<Node> value(MappingNode map, String key) {
        for (NodeTuple tuple : map.getValue()) {
            if (key.equals(keyOf(tuple))) {
                return Optional.of(tuple.getValueNode());
            }
        }
        return Optional.empty();
    }

    /** The map at {@code path[0..length)}, created (or replacing a non-map) where missing. */
    private static MappingNode mapAt(MappingNode start, String[] path, int length) {
        MappingNode map = start;
        for (int i = 0; i < length; i++) {
            Optional<Node> child = value(map, path[i]);
            if (child.isPresent() && child.get() instanceof MappingNode existing) {
                existing.setFlowStyle(DumperOptions.FlowStyle.BLOCK);
                map = existing;
            } else {
                MappingNode created = new MappingNode(Tag.MAP, new ArrayList<>(), DumperOptions.FlowStyle.BLOCK);
                put(map, path[i], created);
                map = created;
            }
        }
        return map;
    }

    /** Sets {@code key} to {@code newValue}, in place if the key exists (keeping its comments), else at the end. */
    private static void put(MappingNode map, String key, Node newValue) {
        List<NodeTuple> tuples = map.getValue();
        for (int i = 0; i < tuples.size(); i++) {
            NodeTuple tuple = tuples.get(i);
            if (key.equals(keyOf(tuple))) {
                Node old = tuple.getValueNode();
                newValue.setInLineComments(old.getInLineComments());
                newValue.setEndComments(old.getEndComments());
                tuples.set(i, new NodeTuple(tuple.getKeyNode(), newValue));
                return;
            }
        }
        tuples.add(new NodeTuple(scalar(key), newValue));
    }

    private static ScalarNode scalar(Object value) {
        Tag tag;
        if (value instanceof Boolean) {
            tag = Tag.BOOL;
        } else if (value instanceof Integer || value instanceof Long) {
            tag = Tag.INT;
        } else if (value instanceof Number) {
            tag = Tag.FLOAT;
        } else if (value instanceof String) {
            tag = Tag.STR;
        } else {
            throw new IllegalArgumentException("only strings, numbers and booleans are set: " + value);
        }
        String text = String.valueOf(value);
        DumperOptions.ScalarStyle style = tag == Tag.STR && needsQuotes(text)
                ? DumperOptions.ScalarStyle.DOUBLE_QUOTED : DumperOptions.ScalarStyle.PLAIN;
        return new ScalarNode(tag, text, null, null, style);
    }

    /** Strings that plain YAML would read as something else, or could not hold, are quoted. */
    private static boolean needsQuotes(String text) {
        return text.isEmpty() || !text.equals(text.strip())
                || text.matches("(?i)true|false|yes|no|on|off|y|n|null|~|0x[0-9a-f_]+|0o?[0-7_]+|[-+]?\\.?(inf|nan)")
                || text.matches("[-+]?([0-9][0-9_]*)?(\\.[0-9_]*)?([eE][-+]?[0-9]+)?|[0-9]+(:[0-5]?[0-9])+")
                || text.matches(".*([:#]\\s|\\s#|[\\[\\]{}*&!|>'\"%@`,]).*")
                || text.endsWith(":") || text.startsWith("-") || text.startsWith("?");
    }
}
