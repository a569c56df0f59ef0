package dev.spillway.engine.request;

import java.util.Optional;

/**
 * The caller's own Anthropic credential, passed upstream when a deployment has no key of its own. The proxy's master
 * key is never one of these.
 */
public record CallerCredential(Kind kind, String token) {

    public enum Kind {
        /** {@code sk-ant-api…} and anything else that is not an OAuth token: sent as {@code x-api-key}. */
        API_KEY,
        /** {@code sk-ant-oat…} from a claude.ai login: sent as {@code Authorization: Bearer} with the OAuth beta. */
        OAUTH
    }

    public static Optional<CallerCredential> of(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        String t = token.trim();
        return Optional.of(new CallerCredential(t.startsWith("sk-ant-oat") ? Kind.OAUTH : Kind.API_KEY, t));
    }

    @Override
    public String toString() {
        return "CallerCredential[" + kind + "]";
    }
}
