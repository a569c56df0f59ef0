package dev.spillway.engine.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads LiteLLM-style {@code config.yaml} files into a validated {@link SpillwayConfig}.
 *
 * <p>Any scalar may be written {@code os.environ/NAME}; it is replaced by the variable's value, looked up in the
 * environment given to {@link #withEnvironment}, then in a {@code .env} file beside the config file (the real
 * environment wins, as with python-dotenv), then in the config's own {@code environment_variables}.
 *
 * <p>Every problem throws a {@link ConfigException} that names the file, the key path, what was expected and what was
 * found. Keys Spillway does not use are ignored with one warning each in {@link SpillwayConfig#warnings()} (also
 * logged). Instances are immutable and thread-safe.
 */
public final class ConfigLoader {

    /** Class-path resource of the embedded default config. */
    public static final String DEFAULT_CONFIG_RESOURCE = "/dev/spillway/engine/config/default-config.yaml";
    /** How the embedded default config is named in messages. */
    public static final String DEFAULT_CONFIG_NAME = "built-in default config";

    private static final String TEXT_NAME = "config text";

    private final Map<String, String> environment;

    private ConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /**
     * @param environment the variables for {@code os.environ/} references: {@code System.getenv()} in production,
     *     a plain map in tests
     */
    public static ConfigLoader withEnvironment(Map<String, String> environment) {
        return new ConfigLoader(environment);
    }

    /** Reads {@code file} and the {@code .env} file beside it, if there is one. */
    public SpillwayConfig load(Path file) {
        String name = file.toString();
        String yaml = read(file, name);
        Path dotEnvFile = file.toAbsolutePath().resolveSibling(".env");
        DotEnv dotEnv = Files.isRegularFile(dotEnvFile) ? DotEnv.parse(read(dotEnvFile, dotEnvFile.toString()))
                : DotEnv.empty();
        ConfigContext context = new ConfigContext(name, Environment.of(List.of(environment, dotEnv.values())));
        dotEnv.skippedLines().forEach(line ->
                context.warnLine(dotEnvFile + ": line " + line + ": not a KEY=VALUE line; ignored"));
        return parse(yaml, Optional.of(file), context);
    }

    /** The embedded default config: Anthropic first, the same model on Bedrock as fallback. */
    public SpillwayConfig loadDefault() {
        return parse(defaultConfigText(), Optional.empty(), context(DEFAULT_CONFIG_NAME));
    }

    /**
     * Parses config text. No {@code .env} file is read; {@code source} only names the text in messages and in
     * {@link SpillwayConfig#source()}.
     */
    public SpillwayConfig parse(String yaml, Optional<Path> source) {
        return parse(yaml, source, context(source.map(Path::toString).orElse(TEXT_NAME)));
    }

    /** The text of the embedded default config, for users who want to start from a copy. */
    public static String defaultConfigText() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULT_CONFIG_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEFAULT_CONFIG_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + DEFAULT_CONFIG_RESOURCE, e);
        }
    }

    private ConfigContext context(String name) {
        return new ConfigContext(name, Environment.of(List.of(environment)));
    }

    private static SpillwayConfig parse(String yaml, Optional<Path> source, ConfigContext context) {
        return SpillwayConfigMapper.map(YamlDocument.parse(yaml, context.source()), source, context);
    }

    private static String read(Path file, String name) {
        try {
            if (Files.isDirectory(file)) {
                throw ConfigException.ofFile(name, "is a directory, not a config file", null);
            }
            return StandardCharsets.UTF_8.newDecoder()
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (NoSuchFileException e) {
            throw ConfigException.ofFile(name, "file not found", e);
        } catch (AccessDeniedException e) {
            throw ConfigException.ofFile(name, "permission denied", e);
        } catch (CharacterCodingException e) {
            throw ConfigException.ofFile(name, "is not UTF-8 text", e);
        } catch (IOException e) {
            throw ConfigException.ofFile(name, "cannot be read (" + e.getClass().getSimpleName() + ")", e);
        }
    }
}
