package dev.spillway.engine.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The deployments sharing one {@code model_name}, which may be a wildcard pattern such as {@code claude-*}. */
public final class ModelGroup {

    private final String name;
    private final Pattern pattern;
    private final List<Deployment> deployments;

    ModelGroup(String name, List<Deployment> deployments) {
        this.name = name;
        this.pattern = name.indexOf('*') < 0 ? null : compile(name);
        this.deployments = List.copyOf(deployments);
    }

    public String name() {
        return name;
    }

    public boolean isWildcard() {
        return pattern != null;
    }

    public List<Deployment> deployments() {
        return deployments;
    }

    /** The text before the first wildcard; longer means more specific. */
    int literalPrefixLength() {
        int star = name.indexOf('*');
        return star < 0 ? name.length() : star;
    }

    /** The texts each {@code *} matched, if {@code model} belongs to this group. */
    Optional<List<String>> match(String model) {
        if (pattern == null) {
            return name.equals(model) ? Optional.of(List.of()) : Optional.empty();
        }
        Matcher m = pattern.matcher(model);
        if (!m.matches()) {
            return Optional.empty();
        }
        List<String> captures = new ArrayList<>(m.groupCount());
        for (int i = 1; i <= m.groupCount(); i++) {
            captures.add(m.group(i));
        }
        return Optional.of(captures);
    }

    private static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String literal : glob.split("\\*", -1)) {
            if (regex.length() > 0) {
                regex.append("(.+)");
            }
            regex.append(Pattern.quote(literal));
        }
        return Pattern.compile(regex.toString());
    }

    @Override
    public String toString() {
        return "ModelGroup[" + name + ", " + deployments.size() + " deployment(s)]";
    }
}
