package dev.spillway.engine.server;

import dev.spillway.engine.upstream.ChunkSource;
import dev.spillway.engine.upstream.ChunkStream;
import dev.spillway.engine.upstream.UpstreamException;
import dev.spillway.engine.upstream.UpstreamResponse;
import dev.spillway.engine.upstream.UsageTap;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Relays a stream to the client chunk by chunk as each arrives, flushing every one. While the upstream is silent it
 * sends {@code ping} events if the upstream sends none of its own (Bedrock), ends the stream with an {@code error}
 * event if the silence outlasts the idle timeout, and gives in-flight streams a clean end when the proxy must stop.
 */
final class StreamRelay {

    private static final long POLL_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    /** How a relay ended. */
    record Outcome(boolean clientGone, Optional<String> errorType) {
    }

    private static final UpstreamException SHUTTING_DOWN = new UpstreamException(529, "overloaded_error",
            "Spillway is shutting down; the stream was cut short. Retry the request.", null);

    private final long keepAliveNanos;
    private final long idleTimeoutNanos;
    private final BooleanSupplier mustStop;
    private final Set<ChunkSource> active = ConcurrentHashMap.newKeySet();

    StreamRelay(Duration keepAlive, Duration idleTimeout, BooleanSupplier mustStop) {
        this.keepAliveNanos = keepAlive.toNanos();
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.mustStop = mustStop;
    }

    /** Writes the stream's first chunk and everything after it; the caller has sent the headers. */
    Outcome relay(UpstreamResponse response, OutputStream out, UsageTap tap, ClientFormat format)
            throws InterruptedException {
        ChunkSource stream = response.stream();
        active.add(stream);
        try {
            write(out, response.firstChunk(), tap);
            long lastUpstream = System.nanoTime();
            long lastWrite = lastUpstream;
            while (true) {
                ChunkSource.Signal signal = stream.poll(Math.min(POLL_SLICE_NANOS, keepAliveNanos), TimeUnit.NANOSECONDS);
                long now = System.nanoTime();
                if (signal instanceof ChunkSource.Data data) {
                    write(out, data.bytes(), tap);
                    lastUpstream = now;
                    lastWrite = now;
                } else if (signal instanceof ChunkSource.End) {
                    return new Outcome(false, Optional.empty());
                } else if (mustStop.getAsBoolean()) {
                    stream.cancel();
                    return endWithError(out, SHUTTING_DOWN, format);
                } else if (signal instanceof ChunkSource.Failure failure) {
                    return endWithError(out, failure.cause(), format);
                } else if (now - lastUpstream >= idleTimeoutNanos) {
                    stream.cancel();
                    return endWithError(out, UpstreamException.timeout("The upstream sent nothing for "
                            + TimeUnit.NANOSECONDS.toSeconds(idleTimeoutNanos) + " s; the stream was ended."), format);
                } else if (response.needsKeepAlive() && now - lastWrite >= keepAliveNanos) {
                    out.write(format.keepAlive());
                    out.flush();
                    lastWrite = now;
                }
            }
        } catch (IOException clientWentAway) {
            stream.cancel();
            return new Outcome(true, Optional.of("client_closed_request"));
        } finally {
            active.remove(stream);
        }
    }

    /** Unblocks every stream being relayed; used when the proxy must stop and the grace period is over. */
    void cancelAll() {
        active.forEach(ChunkSource::cancel);
    }

    private static void write(OutputStream out, byte[] chunk, UsageTap tap) throws IOException {
        out.write(chunk);
        out.flush();
        tap.onStreamBytes(chunk);
    }

    private static Outcome endWithError(OutputStream out, Throwable cause, ClientFormat format) throws IOException {
        String type = "api_error";
        String message = "The upstream stream failed: " + cause.getClass().getSimpleName();
        if (cause instanceof UpstreamException upstream) {
            type = upstream.errorType();
            message = upstream.getMessage();
        } else if (cause instanceof IOException) {
            message = "The upstream closed the connection mid-stream.";
        }
        out.write(format.streamError(type, message));
        out.flush();
        return new Outcome(false, Optional.of(type));
    }
}
