package dev.spillway.engine.pipeline;

import dev.spillway.engine.routing.Deployment;
import dev.spillway.engine.routing.FailureKind;
import java.util.ArrayList;
import java.util.List;

/**
 * What happened while routing one request: every attempt, the retries and fallbacks taken, and how long the proxy
 * waited on upstreams. Used by one request thread at a time.
 */
public final class RequestTrace {

    /** One try at one deployment. */
    public record Attempt(String modelGroup, String deploymentId, String provider, int status, FailureKind kind,
            long nanos) {
    }

    private final long startNanos;
    private final List<Attempt> attempts = new ArrayList<>();
    private int retries;
    private int fallbacks;
    private long upstreamNanos;
    private Served served;

    /** The deployment whose answer went, or is about to go, to the client. */
    public record Served(String group, Deployment deployment, String upstreamModel) {
    }

    public RequestTrace(long startNanos) {
        this.startNanos = startNanos;
    }

    void recordAttempt(Attempt attempt) {
        attempts.add(attempt);
        upstreamNanos += attempt.nanos();
    }

    void countRetry() {
        retries++;
    }

    void countFallback() {
        fallbacks++;
    }

    void served(Served answer) {
        this.served = answer;
    }

    public long startNanos() {
        return startNanos;
    }

    public List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    public int retries() {
        return retries;
    }

    public int fallbacks() {
        return fallbacks;
    }

    /** Time spent waiting for upstreams to start answering, over all attempts. */
    public long upstreamNanos() {
        return upstreamNanos;
    }

    /** Who gave the answer the client gets (success or final error); null if no deployment was called. */
    public Served served() {
        return served;
    }
}
