package dev.spillway.engine.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns YAML text into a Jackson tree. Syntax errors become a {@link ConfigException} with line and column; the
 * offending line itself is never quoted, because it may hold a secret.
 */
final class YamlDocument {

    /** Thread-safe once built; duplicate keys in one map are an error rather than "last one wins". */
    private static final YAMLMapper MAPPER =
            YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    private YamlDocument() {}

    /** The document's root, a {@code MissingNode} for an empty document. */
    static JsonNode parse(String text, String source) {
        String yaml = text.startsWith("\uFEFF") ? text.substring(1) : text;
        try {
            rejectAliases(yaml, source);
            return MAPPER.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw syntaxError(e, source);
        }
    }

    /**
     * Jackson's tree model reads {@code *alias} as the plain string "alias" instead of the anchored value, so a
     * config using anchors would silently mean something else. Refuse it instead.
     */
    private static void rejectAliases(String yaml, String source) throws JsonProcessingException {
        try (JsonParser parser = MAPPER.createParser(yaml)) {
            while (parser.nextToken() != null) {
                if (parser instanceof YAMLParser yamlParser && yamlParser.isCurrentAlias()) {
                    JsonLocation at = parser.currentTokenLocation();
                    throw ConfigException.ofFile(source, position(at.getLineNr(), at.getColumnNr())
                            + "YAML aliases (*name) are not supported; write the value out in full", null);
                }
            }
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw ConfigException.ofFile(source, "cannot be read as YAML", e);
        }
    }

    private static ConfigException syntaxError(JsonProcessingException e, String source) {
        MarkedYAMLException yaml = findMarked(e);
        if (yaml != null) {
            Mark mark = yaml.getProblemMark() != null ? yaml.getProblemMark() : yaml.getContextMark();
            String where = mark == null ? "" : position(mark.getLine() + 1, mark.getColumn() + 1);
            String problem = yaml.getProblem() != null ? yaml.getProblem() : "invalid YAML";
            String context = "";
            if (yaml.getContext() != null && yaml.getContextMark() != null) {
                Mark start = yaml.getContextMark();
                context = " (" + yaml.getContext() + " at line " + (start.getLine() + 1) + ", column "
                        + (start.getColumn() + 1) + ")";
            }
            return ConfigException.ofFile(source, where + "invalid YAML: " + problem + context, null);
        }
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : position(at.getLineNr(), at.getColumnNr());
        String message = e.getOriginalMessage() == null ? "invalid YAML" : e.getOriginalMessage();
        if (message.startsWith("Duplicate field ")) {
            message = "duplicate key " + message.substring("Duplicate field ".length())
                    + "; a key may appear only once in a map";
        } else {
            message = "invalid YAML: " + message;
        }
        return ConfigException.ofFile(source, where + message, null);
    }

    private static MarkedYAMLException findMarked(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof MarkedYAMLException marked) {
                return marked;
            }
        }
        return null;
    }

    private static String position(int line, int column) {
        return line > 0 ? "line " + line + ", column " + column + ": " : "";
    }
}
