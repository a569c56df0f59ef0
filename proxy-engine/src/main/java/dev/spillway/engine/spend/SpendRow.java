package dev.spillway.engine.spend;

import dev.spillway.engine.events.RequestEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One row of {@code spend_logs}: what one finished request did and cost. Fields documented as nullable are
 * {@code null} when unknown.
 *
 * @param requestId the gateway's request id
 * @param time when the request arrived
 * @param caller the hashed virtual key or user id that made the request; nullable
 * @param requestedModel the model name the client sent
 * @param modelGroup the model group that answered; nullable
 * @param deploymentId the deployment that answered; nullable
 * @param provider {@code anthropic}, {@code bedrock}, {@code cache}, …; nullable
 * @param upstreamModel the model the upstream was asked for; nullable
 * @param status the HTTP status the client got
 * @param stream whether the answer was streamed
 * @param latencyMs arrival to last byte, in milliseconds
 * @param ttftMs arrival to first byte, in milliseconds; nullable
 * @param costUsd the cost in US dollars, never null
 * @param error the error type for failures; nullable
 * @param keyAlias the alias of the virtual key that made the request; nullable
 * @param userId the user of that virtual key; nullable
 */
public record SpendRow(
        String requestId,
        Instant time,
        String caller,
        String requestedModel,
        String modelGroup,
        String deploymentId,
        String provider,
        String upstreamModel,
        int status,
        boolean stream,
        long latencyMs,
        Long ttftMs,
        long inputTokens,
        long outputTokens,
        long cacheReadTokens,
        long cacheWriteTokens,
        BigDecimal costUsd,
        boolean fallbackTaken,
        boolean cacheHit,
        String error,
        String keyAlias,
        String userId) {

    public SpendRow {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(requestedModel, "requestedModel");
        costUsd = costUsd == null ? BigDecimal.ZERO : costUsd;
    }

    /** A row without virtual-key details. */
    public SpendRow(String requestId, Instant time, String caller, String requestedModel, String modelGroup,
            String deploymentId, String provider, String upstreamModel, int status, boolean stream, long latencyMs,
            Long ttftMs, long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens,
            BigDecimal costUsd, boolean fallbackTaken, boolean cacheHit, String error) {
        this(requestId, time, caller, requestedModel, modelGroup, deploymentId, provider, upstreamModel, status,
                stream, latencyMs, ttftMs, inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens, costUsd,
                fallbackTaken, cacheHit, error, null, null);
    }

    /** The row for a finished request. {@code caller} may be null (no key, or auth disabled). */
    public static SpendRow of(RequestEvent event, BigDecimal costUsd, String caller) {
        return of(event, costUsd, caller, null, null);
    }

    /**
     * The row for a finished request made with a virtual key.
     *
     * @param keyAlias the key's alias, nullable
     * @param userId the key's user, nullable
     */
    public static SpendRow of(RequestEvent event, BigDecimal costUsd, String caller, String keyAlias,
            String userId) {
        RequestEvent.Usage usage = event.usage() == null ? RequestEvent.Usage.NONE : event.usage();
        return new SpendRow(
                event.requestId(),
                event.time(),
                caller,
                event.requestedModel(),
                event.modelGroup().orElse(null),
                event.deploymentId().orElse(null),
                event.provider().orElse(null),
                event.upstreamModel().orElse(null),
                event.status(),
                event.stream(),
                event.latency().toMillis(),
                event.timeToFirstByte().map(d -> d.toMillis()).orElse(null),
                usage.inputTokens(),
                usage.outputTokens(),
                usage.cacheReadTokens(),
                usage.cacheWriteTokens(),
                costUsd,
                event.fallbackTaken(),
                event.cacheHit(),
                event.error().orElse(null),
                keyAlias,
                userId);
    }

    public long totalTokens() {
        return inputTokens + outputTokens + cacheReadTokens + cacheWriteTokens;
    }

    /** Whether the client got an error status. */
    public boolean failed() {
        return status >= 400;
    }
}
