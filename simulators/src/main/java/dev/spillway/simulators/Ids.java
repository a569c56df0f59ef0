package dev.spillway.simulators;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Identifiers shaped like the ones the real services hand out. */
final class Ids {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private Ids() {
    }

    /** An Anthropic message id, {@code msg_} followed by 24 base62 characters. */
    static String anthropicMessageId() {
        return "msg_01" + base62(22);
    }

    /** A Bedrock-served Claude message id, {@code msg_bdrk_...}. */
    static String bedrockMessageId() {
        return "msg_bdrk_01" + base62(22);
    }

    /** An Anthropic request id, as sent in the {@code request-id} header and error bodies. */
    static String anthropicRequestId() {
        return "req_011C" + base62(20);
    }

    /** An AWS request id, as sent in the {@code x-amzn-RequestId} header. */
    static String awsRequestId() {
        return UUID.randomUUID().toString();
    }

    /** An OpenAI chat completion id, {@code chatcmpl-} followed by 29 base62 characters. */
    static String chatCompletionId() {
        return "chatcmpl-" + base62(29);
    }

    /** An OpenAI legacy text completion id, {@code cmpl-} followed by 29 base62 characters. */
    static String textCompletionId() {
        return "cmpl-" + base62(29);
    }

    /** An OpenAI tool call id, {@code call_} followed by 24 base62 characters. */
    static String toolCallId() {
        return "call_" + base62(24);
    }

    /** An OpenAI request id, as sent in the {@code x-request-id} header: {@code req_} and 32 hex digits. */
    static String openAiRequestId() {
        return "req_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** A {@code system_fingerprint}: {@code fp_} and 10 hex digits. */
    static String systemFingerprint() {
        return "fp_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static String base62(int length) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(BASE62.charAt(random.nextInt(BASE62.length())));
        }
        return id.toString();
    }
}
