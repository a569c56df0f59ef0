package dev.spillway.engine.translate;

/**
 * Tells, fragment by fragment and without parsing, when streamed JSON text has closed its top-level object or
 * array: it counts brackets outside strings. {@link OpenAiToAnthropicStream} uses it to know that a tool call's
 * arguments are finished, since OpenAI's stream never says so.
 */
final class JsonCompletion {

    private int depth;
    private boolean started;
    private boolean inString;
    private boolean escaped;
    private boolean complete;

    void feed(CharSequence fragment) {
        for (int i = 0; i < fragment.length(); i++) {
            char c = fragment.charAt(i);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
                started = true;
            } else if (c == '}' || c == ']') {
                depth--;
                complete = started && depth == 0;
            }
        }
    }

    /** Whether the text fed so far holds a whole object or array (it may still be followed by whitespace). */
    boolean isComplete() {
        return complete && depth == 0;
    }
}
