package dev.spillway.engine.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Shared helpers: configs are parsed as if read from a file called {@code config.yaml}. */
final class TestConfigs {

    static final String MINIMAL = """
            model_list:
              - model_name: claude-sonnet
                litellm_params:
                  model: anthropic/claude-sonnet-4-5-20250929
            """;

    private TestConfigs() {}

    static SpillwayConfig parse(String yaml) {
        return parse(yaml, Map.of());
    }

    static SpillwayConfig parse(String yaml, Map<String, String> env) {
        return ConfigLoader.withEnvironment(env).parse(yaml, Optional.of(Path.of("config.yaml")));
    }

    /** The message of the {@link ConfigException} parsing {@code yaml} throws. */
    static String errorOf(String yaml) {
        return errorOf(yaml, Map.of());
    }

    static String errorOf(String yaml, Map<String, String> env) {
        ConfigException[] thrown = new ConfigException[1];
        assertThatThrownBy(() -> parse(yaml, env))
                .isInstanceOfSatisfying(ConfigException.class, e -> thrown[0] = e);
        return thrown[0].getMessage();
    }

    /** {@link #MINIMAL} followed by {@code more} (top-level sections). */
    static String minimalWith(String more) {
        return MINIMAL + more;
    }

    static String resource(String name) {
        try (InputStream in = TestConfigs.class.getResourceAsStream("/config/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /config/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
