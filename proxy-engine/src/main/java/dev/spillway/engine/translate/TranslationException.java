package dev.spillway.engine.translate;

/**
 * A request that cannot be expressed in the upstream's dialect without changing its meaning. The gateway answers
 * 400 in the caller's own format, naming {@link #field()}.
 */
public final class TranslationException extends RuntimeException {

    private final String field;

    /**
     * @param field the request field at fault, as a path (e.g. {@code messages[2].content[0].type})
     * @param message what cannot be translated and what to do instead
     */
    public TranslationException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
