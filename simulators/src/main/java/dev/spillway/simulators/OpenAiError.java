package dev.spillway.simulators;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * An error as OpenAI-compatible APIs report it: the HTTP status and
 * {@code {"error":{"message":...,"type":...,"param":...,"code":...}}}. {@code type}, {@code param} and {@code code}
 * may be {@code null}, and are then sent as JSON {@code null}, as the API does.
 */
record OpenAiError(int status, String type, String code, String param, String message) {

    static final String KEYS_PAGE = "https://platform.openai.com/account/api-keys";

    OpenAiError {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an error status is 4xx or 5xx, not " + status);
        }
        Objects.requireNonNull(message);
    }

    /** 401 {@code invalid_api_key}, showing the presented key masked the way OpenAI masks it. */
    static OpenAiError incorrectApiKey(String presentedKey) {
        return new OpenAiError(401, "invalid_request_error", "invalid_api_key", null, "Incorrect API key provided: "
                + mask(presentedKey) + ". You can find your API key at " + KEYS_PAGE + ".");
    }

    /** 401 without a code, for a request with no bearer token at all. */
    static OpenAiError missingApiKey() {
        return new OpenAiError(401, "invalid_request_error", null, null, "You didn't provide an API key. You need to"
                + " provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer"
                + " YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your"
                + " browser and are prompted for a username and password. You can obtain an API key from "
                + KEYS_PAGE + ".");
    }

    /** 404 for a route the API does not have, e.g. {@code Invalid URL (POST /v1/chat/completion)}. */
    static OpenAiError invalidUrl(String method, String path) {
        return new OpenAiError(404, "invalid_request_error", null, null,
                "Invalid URL (" + method + " " + path + ")");
    }

    /** 400 for a body that is not a JSON object. */
    static OpenAiError unparsableBody() {
        return new OpenAiError(400, "invalid_request_error", null, null, "We could not parse the JSON body of your"
                + " request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API"
                + " expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how"
                + " to fix this, please contact us through our help center at help.openai.com.)");
    }

    /** 400 for a body without a {@code model}. */
    static OpenAiError missingModel() {
        return new OpenAiError(400, "invalid_request_error", null, null, "you must provide a model parameter");
    }

    /** 400 {@code missing_required_parameter}, e.g. for a chat body without {@code messages}. */
    static OpenAiError missingParameter(String name) {
        return new OpenAiError(400, "invalid_request_error", "missing_required_parameter", name,
                "Missing required parameter: '" + name + "'.");
    }

    /**
     * {@code sk-PMafP***...E873}: the first eight and last four characters with one asterisk for each character in
     * between. Keys of twelve characters or fewer are shown as they are, as OpenAI does with short keys.
     */
    static String mask(String key) {
        if (key.length() <= 12) {
            return key;
        }
        return key.substring(0, 8) + "*".repeat(key.length() - 12) + key.substring(key.length() - 4);
    }

    /** The {@code error} object alone, as it also appears in a stream's error chunk. */
    ObjectNode toErrorObject() {
        ObjectNode error = Json.object().put("message", message).put("type", type).put("param", param);
        error.put("code", code);
        return error;
    }

    /** The whole response body: {@code {"error":{...}}}. */
    ObjectNode toBody() {
        ObjectNode body = Json.object();
        body.set("error", toErrorObject());
        return body;
    }
}
