package dev.spillway.simulators;

/**
 * A Bedrock runtime operation named by a request: {@code POST /model/{modelId}/invoke},
 * {@code POST /model/{modelId}/invoke-with-response-stream} or {@code POST /model/{modelId}/count-tokens}.
 *
 * @param modelId the percent-decoded model id, e.g. {@code us.anthropic.claude-sonnet-4-5-20250929-v1:0}
 * @param streaming whether the operation is {@code invoke-with-response-stream}
 * @param countTokens whether the operation is {@code count-tokens}
 */
record BedrockRoute(String modelId, boolean streaming, boolean countTokens) {

    /**
     * Matches {@code method} and the path exactly as received (split before decoding, so an ARN's encoded
     * {@code /} stays inside the model id); {@code null} for any other request.
     */
    static BedrockRoute match(String method, String rawPath) {
        String[] segments = rawPath.split("/", -1);
        if (!method.equals("POST") || segments.length != 4 || !segments[0].isEmpty()
                || !segments[1].equals("model") || segments[2].isEmpty()) {
            return null;
        }
        String modelId = CanonicalRequest.percentDecode(segments[2]);
        return switch (segments[3]) {
            case "invoke" -> new BedrockRoute(modelId, false, false);
            case "invoke-with-response-stream" -> new BedrockRoute(modelId, true, false);
            case "count-tokens" -> new BedrockRoute(modelId, false, true);
            default -> null;
        };
    }
}
