package dev.spillway.engine.upstream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an upstream answered: a status, the headers worth relaying and either a complete body or a live stream.
 * Error answers always carry a complete body, so the router can read them and the client gets them unmodified.
 */
public final class UpstreamResponse {

    /** The longest {@code retry-after} taken at its word. */
    private static final Duration MAX_RETRY_AFTER = Duration.ofDays(365);

    private final int status;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final ChunkSource stream;
    private final byte[] firstChunk;
    private final boolean needsKeepAlive;

    private UpstreamResponse(int status, Map<String, List<String>> headers, byte[] body, ChunkSource stream,
            byte[] firstChunk, boolean needsKeepAlive) {
        this.status = status;
        this.headers = Collections.unmodifiableMap(lowerCaseCopy(headers));
        this.body = body;
        this.stream = stream;
        this.firstChunk = firstChunk;
        this.needsKeepAlive = needsKeepAlive;
    }

    private static Map<String, List<String>> lowerCaseCopy(Map<String, List<String>> headers) {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name.toLowerCase(Locale.ROOT), values));
        return copy;
    }

    public static UpstreamResponse complete(int status, Map<String, List<String>> headers, byte[] body) {
        return new UpstreamResponse(status, headers, body, null, null, false);
    }

    /**
     * A streaming answer whose body arrives through {@code stream}.
     *
     * @param needsKeepAlive whether the upstream sends no pings of its own, so the relay must during silences
     */
    public static UpstreamResponse streaming(int status, Map<String, List<String>> headers, ChunkSource stream,
            boolean needsKeepAlive) {
        return new UpstreamResponse(status, headers, null, stream, null, needsKeepAlive);
    }

    /**
     * The same stream with its first chunk taken off: the router waits for it so that a stream failing before its
     * first byte can still fall back.
     */
    public UpstreamResponse withFirstChunk(byte[] chunk) {
        return new UpstreamResponse(status, headers, null, stream, chunk, needsKeepAlive);
    }

    /** The same answer with one more header. */
    public UpstreamResponse withHeader(String name, String value) {
        Map<String, List<String>> more = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        more.putAll(headers);
        more.put(name, List.of(value));
        return new UpstreamResponse(status, more, body, stream, firstChunk, needsKeepAlive);
    }

    public int status() {
        return status;
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public boolean isStreaming() {
        return stream != null;
    }

    /** Headers with lower-case names. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The complete body; empty for a streaming answer. */
    public byte[] body() {
        return body == null ? new byte[0] : body;
    }

    public String bodyText() {
        return new String(body(), StandardCharsets.UTF_8);
    }

    public byte[] firstChunk() {
        return firstChunk;
    }

    public ChunkSource stream() {
        return stream;
    }

    public boolean needsKeepAlive() {
        return needsKeepAlive;
    }

    /** The upstream's {@code retry-after} (seconds or {@code retry-after-ms}), if it sent one. */
    public Optional<Duration> retryAfter() {
        Optional<Duration> millis = header("retry-after-ms").flatMap(v -> parseWait(v, 1_000));
        if (millis.isPresent()) {
            return millis;
        }
        return header("retry-after").flatMap(v -> parseWait(v, 1));
    }

    /**
     * A wait of {@code value} units ({@code unitsPerSecond} to the second), whole units only. Negative and non-numeric
     * values are ignored; absurdly long ones are capped so that the time arithmetic on them (cooldowns) cannot
     * overflow.
     */
    private static Optional<Duration> parseWait(String value, long unitsPerSecond) {
        double units;
        try {
            units = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (!(units >= 0) || Double.isInfinite(units)) {
            return Optional.empty();
        }
        if (units / unitsPerSecond >= MAX_RETRY_AFTER.getSeconds()) {
            return Optional.of(MAX_RETRY_AFTER);
        }
        long whole = (long) units;
        return Optional.of(unitsPerSecond == 1 ? Duration.ofSeconds(whole) : Duration.ofMillis(whole));
    }

    @Override
    public String toString() {
        return "UpstreamResponse[" + status + (isStreaming() ? ", streaming" : ", " + body().length + " bytes") + "]";
    }
}
