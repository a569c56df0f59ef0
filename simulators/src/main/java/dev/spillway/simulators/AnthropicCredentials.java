package dev.spillway.simulators;

import java.util.Arrays;

/**
 * The Anthropic simulator's optional credential check. API keys are accepted as {@code x-api-key} or
 * {@code Authorization: Bearer}; OAuth access tokens ({@code sk-ant-oat...}) only as a bearer token together with the
 * {@code oauth-2025-04-20} beta.
 */
final class AnthropicCredentials {

    static final String OAUTH_BETA = "oauth-2025-04-20";

    private volatile String requiredKey;

    /** Requires {@code key} from now on; {@code null} accepts any request. */
    void require(String key) {
        requiredKey = key;
    }

    /** Why {@code request} is refused, as the API words it, or {@code null} if it may pass. */
    String rejectionOf(RecordedRequest request) {
        String key = requiredKey;
        if (key == null) {
            return null;
        }
        String apiKey = request.header("x-api-key");
        String bearer = bearerToken(request.header("authorization"));
        if (apiKey == null && bearer == null) {
            return "x-api-key header is required";
        }
        if (key.startsWith("sk-ant-oat")) {
            if (!key.equals(bearer)) {
                return "invalid x-api-key";
            }
            return hasOauthBeta(request) ? null : "OAuth authentication is currently not supported.";
        }
        return key.equals(apiKey) || key.equals(bearer) ? null : "invalid x-api-key";
    }

    private static String bearerToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }

    private static boolean hasOauthBeta(RecordedRequest request) {
        return request.headerValues("anthropic-beta").stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .anyMatch(beta -> beta.trim().equals(OAUTH_BETA));
    }
}
