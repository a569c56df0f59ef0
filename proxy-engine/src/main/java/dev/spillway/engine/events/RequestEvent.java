package dev.spillway.engine.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What happened to one proxied request, published once it has finished (the stream included).
 *
 * @param requestId the gateway's id for the request (also in the {@code request-id} of errors it writes)
 * @param time when the request arrived
 * @param requestedModel the model name the client sent
 * @param modelGroup the model group that answered, empty if none was resolved
 * @param deploymentId the deployment that answered, empty if none was called
 * @param provider {@code anthropic}, {@code bedrock}, …; empty if none was called
 * @param upstreamModel the model the upstream was asked for
 * @param status the HTTP status the client got ({@code 499} if it went away first)
 * @param stream whether the answer was streamed
 * @param latency from arrival to the last byte sent
 * @param timeToFirstByte from arrival to the first byte sent, for streams
 * @param usage tokens the upstream reported
 * @param fallbackTaken whether a fallback model group answered
 * @param attemptedFallbacks fallback groups tried
 * @param attemptedRetries retries made
 * @param error the error type (e.g. {@code rate_limit_error}) for failures
 * @param caller who asked: for a virtual key, its token (the SHA-256 hex of the key); otherwise the first 16 hex
 *     digits of the SHA-256 of the caller's own credential; empty for callers without one
 * @param cacheHit whether the answer came from Spillway's response cache: then no upstream was called, the request
 *     cost nothing ({@code usage} is {@link Usage#NONE}), {@code provider} is {@code cache} and
 *     {@code deploymentId} and {@code upstreamModel} are empty
 * @param upstreamLatency time spent on upstream calls (every attempt, and for a stream until its last event);
 *     {@code latency} minus this is the gateway's own overhead. Empty if no upstream was called
 */
public record RequestEvent(
        String requestId,
        Instant time,
        String requestedModel,
        Optional<String> modelGroup,
        Optional<String> deploymentId,
        Optional<String> provider,
        Optional<String> upstreamModel,
        int status,
        boolean stream,
        Duration latency,
        Optional<Duration> timeToFirstByte,
        Usage usage,
        boolean fallbackTaken,
        int attemptedFallbacks,
        int attemptedRetries,
        Optional<String> error,
        boolean cacheHit,
        Optional<String> caller,
        Optional<Duration> upstreamLatency) {

    /** An event without caller attribution. */
    public RequestEvent(String requestId, Instant time, String requestedModel, Optional<String> modelGroup,
            Optional<String> deploymentId, Optional<String> provider, Optional<String> upstreamModel, int status,
            boolean stream, Duration latency, Optional<Duration> timeToFirstByte, Usage usage, boolean fallbackTaken,
            int attemptedFallbacks, int attemptedRetries, Optional<String> error, boolean cacheHit) {
        this(requestId, time, requestedModel, modelGroup, deploymentId, provider, upstreamModel, status, stream,
                latency, timeToFirstByte, usage, fallbackTaken, attemptedFallbacks, attemptedRetries, error, cacheHit,
                Optional.empty(), Optional.empty());
    }

    /** An event without the upstream's share of the latency. */
    public RequestEvent(String requestId, Instant time, String requestedModel, Optional<String> modelGroup,
            Optional<String> deploymentId, Optional<String> provider, Optional<String> upstreamModel, int status,
            boolean stream, Duration latency, Optional<Duration> timeToFirstByte, Usage usage, boolean fallbackTaken,
            int attemptedFallbacks, int attemptedRetries, Optional<String> error, boolean cacheHit,
            Optional<String> caller) {
        this(requestId, time, requestedModel, modelGroup, deploymentId, provider, upstreamModel, status, stream,
                latency, timeToFirstByte, usage, fallbackTaken, attemptedFallbacks, attemptedRetries, error, cacheHit,
                caller, Optional.empty());
    }

    /** Token counts as Anthropic reports them. */
    public record Usage(long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens) {

        public static final Usage NONE = new Usage(0, 0, 0, 0);

        public long totalTokens() {
            return inputTokens + outputTokens + cacheReadTokens + cacheWriteTokens;
        }
    }
}
