package dev.spillway.engine.upstream;

import java.util.concurrent.TimeUnit;

/** The body of a streaming answer, taken chunk by chunk by the thread that relays it. */
public interface ChunkSource {

    /** What {@link #poll} returns. */
    sealed interface Signal permits Data, End, Failure {}

    /** Bytes to relay, already in the client's wire format. */
    record Data(byte[] bytes) implements Signal {}

    /** The upstream finished normally. */
    record End() implements Signal {}

    /** The upstream failed; nothing more will come. */
    record Failure(Throwable cause) implements Signal {}

    /**
     * The next signal. A queue-backed source waits at most {@code timeout} and returns {@code null} if nothing came;
     * a socket-backed source may block until its own read timeout, which then arrives as a {@link Failure}.
     */
    Signal poll(long timeout, TimeUnit unit) throws InterruptedException;

    /** Stops the upstream: the client went away or the proxy is shutting down. Safe to call from any thread. */
    void cancel();
}
