package dev.spillway.engine.config;

import java.util.Optional;

/**
 * A configuration that cannot be used. The message is written for the user: it names the file (or
 * {@code built-in default config}), the key path when there is one, what was expected and what was found, e.g.
 * {@code config.yaml: model_list[2].litellm_params.timeout: expected a number of seconds, found "abc"}.
 * It never contains a secret value.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String keyPath;
    private final String problem;

    /** A configuration that cannot be used for a reason not tied to one file or key; the message is used as is. */
    public ConfigException(String message) {
        this(message, (Throwable) null);
    }

    /** Like {@link #ConfigException(String)}, with the underlying cause. */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
        this.source = null;
        this.keyPath = null;
        this.problem = message;
    }

    private ConfigException(String source, String keyPath, String problem, Throwable cause) {
        super(source + ": " + (keyPath == null || keyPath.isEmpty() ? "" : keyPath + ": ") + problem, cause);
        this.source = source;
        this.keyPath = keyPath == null || keyPath.isEmpty() ? null : keyPath;
        this.problem = problem;
    }

    /** A problem with the value at {@code keyPath}, e.g. {@code model_list[0].litellm_params.model}. */
    public static ConfigException at(String source, String keyPath, String problem) {
        return new ConfigException(source, keyPath, problem, null);
    }

    /** A problem with the file as a whole (unreadable, empty, not YAML). */
    public static ConfigException ofFile(String source, String problem, Throwable cause) {
        return new ConfigException(source, null, problem, cause);
    }

    /** The file name, or {@code built-in default config}; empty if the problem is not about a file. */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    /** The key path of the offending value, if the problem is about one value. */
    public Optional<String> keyPath() {
        return Optional.ofNullable(keyPath);
    }

    /** The message without file name and key path. */
    public String problem() {
        return problem;
    }
}
