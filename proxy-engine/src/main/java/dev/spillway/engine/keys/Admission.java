package dev.spillway.engine.keys;

import java.time.Duration;
import java.util.Optional;

/** Whether a virtual key's request may go ahead. */
public sealed interface Admission {

    Admission ADMITTED = new Admitted();

    record Admitted() implements Admission {}

    /**
     * @param status 403 (model not allowed) or 429 (budget or rate limit)
     * @param message names the limit and when it resets
     * @param retryAfter when asking again can succeed; empty if only an admin can help
     */
    record Denied(int status, String message, Optional<Duration> retryAfter) implements Admission {}
}
