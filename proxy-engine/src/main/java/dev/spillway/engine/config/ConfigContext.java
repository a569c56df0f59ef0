package dev.spillway.engine.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State of one load: what the file is called in messages, the environment for {@code os.environ/} references and the
 * warnings collected so far.
 */
final class ConfigContext {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

    private final String source;
    private final List<String> warnings = new ArrayList<>();
    private Environment environment;

    ConfigContext(String source, Environment environment) {
        this.source = source;
        this.environment = environment;
    }

    String source() {
        return source;
    }

    Environment environment() {
        return environment;
    }

    /** Adds the config's {@code environment_variables}, below the real environment and {@code .env}. */
    void addLowestPriorityVariables(Map<String, String> variables) {
        environment = environment.withLowestPriority(variables);
    }

    ConfigException error(String keyPath, String problem) {
        return ConfigException.at(source, keyPath, problem);
    }

    /** Records and logs a warning about the value at {@code keyPath}. */
    void warn(String keyPath, String message) {
        warnLine(source + ": " + keyPath + ": " + message);
    }

    /** Records and logs a warning that is already a complete line. */
    void warnLine(String line) {
        warnings.add(line);
        LOG.warn(line);
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }
}
