package dev.spillway.simulators;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The identity every object of one OpenAI completion repeats: in the complete object and in each streamed chunk.
 *
 * @param id {@code chatcmpl-...} or {@code cmpl-...}
 * @param created Unix seconds
 * @param model the model the request asked for
 * @param systemFingerprint {@code fp_...}
 */
record OpenAiStamp(String id, long created, String model, String systemFingerprint) {

    /** A fresh chat completion stamp for {@code model}, created now. */
    static OpenAiStamp chat(String model) {
        return new OpenAiStamp(Ids.chatCompletionId(), nowSeconds(), model, Ids.systemFingerprint());
    }

    /** A fresh legacy text completion stamp for {@code model}, created now. */
    static OpenAiStamp text(String model) {
        return new OpenAiStamp(Ids.textCompletionId(), nowSeconds(), model, Ids.systemFingerprint());
    }

    /** {@code {"id":...,"object":<object>,"created":...,"model":...}}, ready for more fields. */
    ObjectNode header(String object) {
        return Json.object().put("id", id).put("object", object).put("created", created).put("model", model);
    }

    private static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }
}
