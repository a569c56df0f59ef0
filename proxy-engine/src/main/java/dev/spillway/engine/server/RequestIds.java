package dev.spillway.engine.server;

import java.util.concurrent.ThreadLocalRandom;

/** Request ids in Anthropic's style ({@code req_…}), unique enough to find one request in logs and events. */
public final class RequestIds {

    private static final char[] ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private RequestIds() {
    }

    public static String next() {
        char[] id = new char[24];
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return "req_spw_" + new String(id);
    }
}
