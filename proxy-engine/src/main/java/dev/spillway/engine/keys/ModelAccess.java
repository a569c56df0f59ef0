package dev.spillway.engine.keys;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Whether a {@code models} list lets a name through: an empty list, {@code *} or {@code all-proxy-models} allow
 * everything; otherwise an entry must equal the name or match it as a {@code *} pattern ({@code claude-*}).
 */
final class ModelAccess {

    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private ModelAccess() {
    }

    static boolean allows(List<String> models, String name) {
        if (models.isEmpty()) {
            return true;
        }
        for (String entry : models) {
            if (entry.equals("*") || entry.equals("all-proxy-models") || entry.equals(name) || matches(entry, name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String pattern, String name) {
        return pattern.indexOf('*') >= 0
                && PATTERNS.computeIfAbsent(pattern, ModelAccess::compile).matcher(name).matches();
    }

    private static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        String[] parts = glob.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            regex.append(i > 0 ? ".*" : "").append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString());
    }
}
