package dev.spillway.engine.pipeline;

import dev.spillway.engine.provider.Provider;
import dev.spillway.engine.provider.UpstreamCall;
import dev.spillway.engine.upstream.ChunkStream;
import dev.spillway.engine.upstream.UpstreamResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A double of one upstream: answers each call with the next scripted answer and records the calls. A call beyond the
 * script fails the test.
 */
final class ScriptedProvider implements Provider {

    private final String name;
    private final Deque<Supplier<CompletableFuture<UpstreamResponse>>> script = new ArrayDeque<>();
    private final List<UpstreamCall> calls = new ArrayList<>();
    private final List<CompletableFuture<UpstreamResponse>> futures = new ArrayList<>();
    private volatile boolean canServe = true;

    ScriptedProvider(String name) {
        this.name = name;
    }

    /** Answers the next call with {@code response}. */
    synchronized ScriptedProvider then(UpstreamResponse response) {
        script.add(() -> CompletableFuture.completedFuture(response));
        return this;
    }

    /** Answers the next call with an Anthropic-style error (or a small message for 2xx). */
    ScriptedProvider then(int status) {
        return then(status >= 400 ? error(status, "error from " + name) : ok(name));
    }

    /** Answers the next call with {@code status} after {@code latency} has passed on {@code clock} (a fake one). */
    synchronized ScriptedProvider thenAfter(AtomicLong clock, Duration latency,
            int status) {
        UpstreamResponse response = status >= 400 ? error(status, "error from " + name) : ok(name);
        script.add(() -> {
            clock.addAndGet(latency.toNanos());
            return CompletableFuture.completedFuture(response);
        });
        return this;
    }

    /** Fails the next call as an unreachable upstream would. */
    synchronized ScriptedProvider thenFail(Throwable cause) {
        script.add(() -> CompletableFuture.failedFuture(cause));
        return this;
    }

    /** Never answers the next call. */
    synchronized ScriptedProvider thenHang() {
        script.add(CompletableFuture::new);
        return this;
    }

    /** Answers the next call with a 200 event stream fed through {@code stream}. */
    ScriptedProvider thenStream(ChunkStream stream) {
        return then(UpstreamResponse.streaming(200, Map.of("content-type", List.of("text/event-stream")), stream,
                false));
    }

    ScriptedProvider refuseToServe() {
        canServe = false;
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String apiBase() {
        return "http://" + name + ".test";
    }

    @Override
    public synchronized CompletableFuture<UpstreamResponse> send(UpstreamCall call) {
        calls.add(call);
        Supplier<CompletableFuture<UpstreamResponse>> next = script.poll();
        if (next == null) {
            throw new AssertionError(name + " was called " + calls.size() + " times, more than scripted");
        }
        CompletableFuture<UpstreamResponse> future = next.get();
        futures.add(future);
        return future;
    }

    @Override
    public boolean canServe(UpstreamCall call) {
        return canServe;
    }

    synchronized List<UpstreamCall> calls() {
        return List.copyOf(calls);
    }

    synchronized int callCount() {
        return calls.size();
    }

    /** The futures handed out, in call order. */
    synchronized List<CompletableFuture<UpstreamResponse>> futures() {
        return List.copyOf(futures);
    }

    synchronized boolean scriptUsedUp() {
        return script.isEmpty();
    }

    static UpstreamResponse ok(String text) {
        return json(200, "{\"id\":\"msg_01\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\","
                + "\"text\":\"" + text + "\"}],\"usage\":{\"input_tokens\":3,\"output_tokens\":2}}", Map.of());
    }

    static UpstreamResponse error(int status, String message) {
        return json(status, "{\"type\":\"error\",\"error\":{\"type\":\"" + type(status) + "\",\"message\":\"" + message
                + "\"}}", Map.of());
    }

    static UpstreamResponse json(int status, String body, Map<String, String> extraHeaders) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("content-type", List.of("application/json"));
        extraHeaders.forEach((k, v) -> headers.put(k, List.of(v)));
        return UpstreamResponse.complete(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String type(int status) {
        return switch (status) {
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            default -> "api_error";
        };
    }
}
