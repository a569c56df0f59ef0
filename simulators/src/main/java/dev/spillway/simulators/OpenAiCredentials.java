package dev.spillway.simulators;

/** The OpenAI simulator's optional credential check: the key must come as {@code Authorization: Bearer <key>}. */
final class OpenAiCredentials {

    private volatile String requiredKey;

    /** Requires {@code key} from now on; {@code null} accepts any request. */
    void require(String key) {
        requiredKey = key;
    }

    /** The 401 that {@code request} gets, or {@code null} if it may pass. */
    OpenAiError rejectionOf(RecordedRequest request) {
        String key = requiredKey;
        if (key == null) {
            return null;
        }
        String bearer = bearerToken(request.header("authorization"));
        if (bearer == null || bearer.isEmpty()) {
            return OpenAiError.missingApiKey();
        }
        return key.equals(bearer) ? null : OpenAiError.incorrectApiKey(bearer);
    }

    private static String bearerToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }
}
