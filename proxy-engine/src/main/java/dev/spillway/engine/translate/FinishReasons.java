package dev.spillway.engine.translate;

/** Anthropic {@code stop_reason} to OpenAI {@code finish_reason}. */
final class FinishReasons {

    private FinishReasons() {
    }

    /**
     * @param stopReason Anthropic's stop reason; {@code null} while a stream is still running
     * @return the OpenAI finish reason, or {@code null} for a {@code null} stop reason
     */
    static String fromAnthropic(String stopReason) {
        if (stopReason == null) {
            return null;
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop"; // end_turn, stop_sequence, pause_turn and reasons yet to come
        };
    }
}
