package dev.spillway.engine.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Who asked, without keeping what they asked with: a short hash of the caller's credential. */
final class CallerIds {

    private CallerIds() {
    }

    /** The first 16 hex digits of the SHA-256 of {@code credential}. */
    static String of(String credential) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(credential.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
