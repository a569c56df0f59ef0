package dev.spillway.engine.cache;

import java.time.Duration;

/**
 * One stored answer: a successful complete body, or the bytes of a successful stream exactly as they were relayed to
 * the client (already in the client's dialect).
 *
 * @param status the upstream's 2xx status
 * @param contentType the answer's {@code content-type}
 * @param body the complete body, or every byte of the stream
 * @param stream whether {@code body} is a stream to replay
 * @param ttl how long the entry lives
 */
public record CachedAnswer(int status, String contentType, byte[] body, boolean stream, Duration ttl) {
}
