package dev.spillway.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The checks Bedrock applies to an Anthropic Messages body before invoking the model, with its own wording: a JSON
 * object with {@code anthropic_version} and {@code max_tokens}, and without the Anthropic-API-only {@code model} and
 * {@code stream} keys.
 */
final class BedrockBodyRules {

    private static final List<String> REQUIRED = List.of("anthropic_version", "max_tokens");
    private static final List<String> EXTRANEOUS = List.of("model", "stream");
    private static final String REFORMAT = ", please reformat your input and try again.";

    private BedrockBodyRules() {
    }

    /** The {@code ValidationException} message for {@code body}, or {@code null} if Bedrock would accept it. */
    static String violationIn(JsonNode body) {
        if (body == null || !body.isObject()) {
            return "Malformed input request" + REFORMAT;
        }
        for (String key : REQUIRED) {
            if (!body.has(key)) {
                return "Malformed input request: #: required key [" + key + "] not found" + REFORMAT;
            }
        }
        for (String key : EXTRANEOUS) {
            if (body.has(key)) {
                return "Malformed input request: #: extraneous key [" + key + "] is not permitted" + REFORMAT;
            }
        }
        return null;
    }
}
