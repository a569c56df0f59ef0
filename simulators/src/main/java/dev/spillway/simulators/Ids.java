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

    private static String base62(int length) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(BASE62.charAt(random.nextInt(BASE62.length())));
        }
        return id.toString();
    }
}
