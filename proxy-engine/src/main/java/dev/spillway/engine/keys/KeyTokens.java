package dev.spillway.engine.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Making virtual keys and hashing them. */
final class KeyTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int RANDOM_BYTES = 24;

    private KeyTokens() {
    }

    /** {@code sk-} and 32 random URL-safe characters (192 bits); never shaped like an Anthropic key. */
    static String generate() {
        while (true) {
            byte[] bytes = new byte[RANDOM_BYTES];
            RANDOM.nextBytes(bytes);
            String key = "sk-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            if (!isAnthropicShaped(key)) {
                return key;
            }
        }
    }

    /** Anthropic's keys and login tokens start {@code sk-ant-}; such a text is a caller's credential, not ours. */
    static boolean isAnthropicShaped(String token) {
        return token.startsWith("sk-ant-");
    }

    /** The SHA-256 of the key in lower-case hex: what is stored, and LiteLLM's {@code token}. */
    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** {@code sk-...} and the last four characters, as LiteLLM's {@code key_name}. */
    static String displayName(String key) {
        return "sk-..." + key.substring(Math.max(3, key.length() - 4));
    }

    /** Whether {@code text} is a 64-digit lower-case hex hash rather than a key. */
    static boolean isHash(String text) {
        return text.length() == 64 && text.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f');
    }
}
