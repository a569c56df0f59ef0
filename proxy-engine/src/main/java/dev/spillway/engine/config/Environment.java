package dev.spillway.engine.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The variables {@code os.environ/NAME} references are resolved against, in layers: the real environment first, then
 * the {@code .env} file beside the config file, then the config's own {@code environment_variables}.
 */
final class Environment {

    private final List<Map<String, String>> layers;

    private Environment(List<Map<String, String>> layers) {
        this.layers = List.copyOf(layers);
    }

    /** Layers in order of precedence, highest first. */
    static Environment of(List<Map<String, String>> layers) {
        return new Environment(layers);
    }

    /** This environment with {@code variables} added below every existing layer. */
    Environment withLowestPriority(Map<String, String> variables) {
        List<Map<String, String>> more = new ArrayList<>(layers);
        more.add(Map.copyOf(variables));
        return new Environment(more);
    }

    Optional<String> get(String name) {
        for (Map<String, String> layer : layers) {
            String value = layer.get(name);
            if (value != null) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
