package dev.spillway.engine.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.cache.CacheControls;
import dev.spillway.engine.cache.CacheKeys;
import dev.spillway.engine.cache.CachedAnswer;
import dev.spillway.engine.cache.RecordingChunkSource;
import dev.spillway.engine.cache.ResponseCache;
import dev.spillway.engine.json.Json;
import dev.spillway.engine.request.ClientRequest;
import dev.spillway.engine.request.Dialect;
import dev.spillway.engine.upstream.ChunkStream;
import dev.spillway.engine.upstream.UpstreamResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The response cache, first in the pipeline: answers a request seen before from memory, and stores the successful
 * answers of the others, streams included (the bytes the client got, recorded as they pass and kept only if the
 * stream ends cleanly). See {@link CacheKeys} for what makes two requests the same, and {@link CacheControls} for a
 * request's own controls. The {@code cache} field carrying those is removed from the body before it goes upstream
 * (the upstream APIs reject unknown fields); a body without one goes on as the exact bytes received.
 *
 * <p>Answers say {@code x-spillway-cache: hit} or {@code miss} (nothing when the request does not use the cache);
 * hits also carry {@code x-litellm-cache-key}, {@code x-litellm-model-group} and {@code x-spillway-provider: cache}.
 */
public final class CacheInterceptor implements Interceptor {

    public static final String CACHE_HEADER = "x-spillway-cache";
    public static final String CACHE_KEY_HEADER = "x-litellm-cache-key";
    /** What {@code x-spillway-provider} and the request event say served a hit. */
    public static final String CACHE_PROVIDER = "cache";

    private static final Pattern ANTHROPIC_END = Pattern.compile("(^|\n)event: ?message_stop\\s*\n");
    private static final Pattern ANTHROPIC_ERROR = Pattern.compile("(^|\n)event: ?error\\s*\n");
    private static final Pattern OPENAI_END = Pattern.compile("(^|\n)data: ?\\[DONE\\]");
    private static final Pattern OPENAI_ERROR = Pattern.compile("(^|\n)data: ?\\{\\s*\"error\"");

    private final ResponseCache cache;

    public CacheInterceptor(ResponseCache cache) {
        this.cache = cache;
    }

    @Override
    public UpstreamResponse intercept(Chain chain) throws InterruptedException {
        RoutedCall call = chain.call();
        ClientRequest request = call.request();
        ObjectNode body = request.jsonCopy();
        JsonNode cacheField = body.remove("cache");
        CacheControls controls = CacheControls.of(cacheField);
        RoutedCall onward = cacheField == null ? call
                : call.withRequest(request.withBody(request.operation(), Json.bytes(body), request.model()));
        if (!controls.uses(cache.settings().defaultOff())) {
            return chain.proceed(onward);
        }
        String group = call.target().group().name();
        String key = CacheKeys.of(request, body, group, cache.settings().shared(), controls.namespace());
        if (!controls.noCache()) {
            Optional<CachedAnswer> stored = cache.get(key, controls.maxAge());
            if (stored.isPresent()) {
                return replay(stored.get())
                        .withHeader(CACHE_HEADER, "hit")
                        .withHeader(CACHE_KEY_HEADER, key)
                        .withHeader("x-litellm-model-group", group)
                        .withHeader("x-spillway-provider", CACHE_PROVIDER);
            }
        }
        UpstreamResponse response = chain.proceed(onward);
        if (!response.isSuccess() || controls.noStore()) {
            return response.withHeader(CACHE_HEADER, "miss");
        }
        Duration ttl = controls.ttl().orElse(cache.settings().ttl());
        String contentType = response.header("content-type")
                .orElse(response.isStreaming() ? "text/event-stream; charset=utf-8" : "application/json");
        if (!response.isStreaming()) {
            cache.put(key, new CachedAnswer(response.status(), contentType, response.body(), false, ttl));
            return response.withHeader(CACHE_HEADER, "miss");
        }
        Dialect dialect = request.dialect();
        RecordingChunkSource recording = new RecordingChunkSource(response.stream(), response.firstChunk(),
                ResponseCache.MAX_ANSWER_BYTES, bytes -> {
                    if (endsCleanly(dialect, bytes)) {
                        cache.put(key, new CachedAnswer(response.status(), contentType, bytes, true, ttl));
                    }
                });
        return UpstreamResponse.streaming(response.status(), response.headers(), recording, response.needsKeepAlive())
                .withFirstChunk(response.firstChunk())
                .withHeader(CACHE_HEADER, "miss");
    }

    /** The stored answer as a fresh response: a complete body, or a stream that has already ended. */
    private static UpstreamResponse replay(CachedAnswer answer) {
        Map<String, List<String>> headers = Map.of("content-type", List.of(answer.contentType()));
        if (!answer.stream()) {
            return UpstreamResponse.complete(answer.status(), headers, answer.body());
        }
        ChunkStream ended = new ChunkStream();
        ended.complete();
        return UpstreamResponse.streaming(answer.status(), headers, ended, false).withFirstChunk(answer.body());
    }

    /**
     * Whether a stream that ended normally is a whole answer: it reached its last event ({@code message_stop},
     * {@code [DONE]}) and carries no error event (upstreams report some failures inside a 200 stream).
     */
    static boolean endsCleanly(Dialect dialect, byte[] stream) {
        String text = new String(stream, StandardCharsets.UTF_8);
        if (dialect == Dialect.ANTHROPIC) {
            return ANTHROPIC_END.matcher(text).find() && !ANTHROPIC_ERROR.matcher(text).find();
        }
        return OPENAI_END.matcher(text).find() && !OPENAI_ERROR.matcher(text).find();
    }
}
