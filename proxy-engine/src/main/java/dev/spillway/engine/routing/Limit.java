package dev.spillway.engine.routing;

/** The per-minute limits a deployment may set in its {@code litellm_params}. */
public enum Limit {
    /** {@code rpm}: requests started per minute. */
    RPM("rpm", "requests per minute"),
    /** {@code tpm}: tokens used per minute. */
    TPM("tpm", "tokens per minute");

    private final String key;
    private final String meaning;

    Limit(String key, String meaning) {
        this.key = key;
        this.meaning = meaning;
    }

    /** The {@code litellm_params} key. */
    public String key() {
        return key;
    }

    /** What it counts, e.g. "requests per minute". */
    public String meaning() {
        return meaning;
    }
}
