package dev.spillway.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.engine.cache.ResponseCache;
import dev.spillway.engine.config.CacheSettings;
import dev.spillway.engine.json.Json;
import dev.spillway.engine.request.CallerCredential;
import dev.spillway.engine.request.ClientRequest;
import dev.spillway.engine.request.Dialect;
import dev.spillway.engine.request.Operation;
import dev.spillway.engine.routing.GroupMatch;
import dev.spillway.engine.upstream.ChunkSource;
import dev.spillway.engine.upstream.ChunkStream;
import dev.spillway.engine.upstream.RequestHeaders;
import dev.spillway.engine.upstream.UpstreamResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The cache as the first step of a pipeline whose upstream is scripted. */
class CacheInterceptorTest {

    private static final String CALLER = "sk-ant-api03-cache-test-caller";
    private static final String BODY =
            "{\"model\":\"claude-sonnet\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String SSE = "event: message_start\ndata: {\"type\":\"message_start\"}\n\n"
            + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\"}\n\n"
            + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final Deque<Supplier<UpstreamResponse>> script = new ArrayDeque<>();
    private final List<ClientRequest> upstreamRequests = new ArrayList<>();
    private final GroupMatch target;

    CacheInterceptorTest() {
        Gateway gateway = new Gateway();
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1");
        target = gateway.routes().resolve("claude-sonnet").orElseThrow();
    }

    private Pipeline pipeline(CacheSettings settings) {
        ResponseCache cache = new ResponseCache(settings, now::get);
        return new Pipeline(List.of(new CacheInterceptor(cache), chain -> {
            upstreamRequests.add(chain.call().request());
            Supplier<UpstreamResponse> next = script.poll();
            if (next == null) {
                throw new AssertionError("unexpected upstream call");
            }
            return next.get();
        }));
    }

    private final Pipeline pipeline = pipeline(settings(false, false));

    private static CacheSettings settings(boolean defaultOff, boolean shared) {
        return new CacheSettings(true, Duration.ofSeconds(600), 100, defaultOff, shared);
    }

    private static ClientRequest request(String body, boolean stream, String caller) {
        return new ClientRequest("req_1", Operation.MESSAGES, "",
                RequestHeaders.of(Map.of()), body.getBytes(StandardCharsets.UTF_8), "claude-sonnet", stream,
                CallerCredential.of(caller));
    }

    private static ClientRequest request(String body) {
        return request(body, false, CALLER);
    }

    /** {@link #BODY} with a {@code cache} object. */
    private static String withCache(String controls) {
        return BODY.substring(0, BODY.length() - 1) + ",\"cache\":" + controls + "}";
    }

    private UpstreamResponse send(Pipeline p, ClientRequest request) throws InterruptedException {
        return p.execute(RoutedCall.of(request, target));
    }

    private UpstreamResponse send(ClientRequest request) throws InterruptedException {
        return send(pipeline, request);
    }

    private void answer(String text) {
        script.add(() -> ScriptedProvider.ok(text));
    }

    private void answer(UpstreamResponse response) {
        script.add(() -> response);
    }

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    private static String cacheHeader(UpstreamResponse response) {
        return response.header(CacheInterceptor.CACHE_HEADER).orElse(null);
    }

    /** Everything a stream delivers, first chunk included; fails if it does not end normally. */
    private static String drain(UpstreamResponse response) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(response.firstChunk());
        while (true) {
            ChunkSource.Signal signal = response.stream().poll(1, TimeUnit.SECONDS);
            if (signal instanceof ChunkSource.Data data) {
                out.writeBytes(data.bytes());
            } else if (signal instanceof ChunkSource.End) {
                return out.toString(StandardCharsets.UTF_8);
            } else {
                throw new AssertionError("the stream did not end normally: " + signal);
            }
        }
    }

    /** A 200 stream whose first chunk has been taken, as the upstream call step passes it on. */
    private static UpstreamResponse stream(String... chunks) {
        return stream(true, chunks);
    }

    private static UpstreamResponse stream(boolean end, String... chunks) {
        ChunkStream stream = new ChunkStream();
        for (int i = 1; i < chunks.length; i++) {
            stream.push(chunks[i].getBytes(StandardCharsets.UTF_8));
        }
        if (end) {
            stream.complete();
        } else {
            stream.fail(new IOException("connection reset"));
        }
        return UpstreamResponse.streaming(200, Map.of("content-type", List.of("text/event-stream")), stream, false)
                .withFirstChunk(chunks[0].getBytes(StandardCharsets.UTF_8));
    }

    private static String[] sseChunks() {
        int cut = SSE.indexOf("event: content_block_delta");
        return new String[] {SSE.substring(0, cut), SSE.substring(cut)};
    }

    // ---- hits and misses -------------------------------------------------------------------------------------

    @Test
    void theSecondIdenticalRequestIsAnsweredFromMemory() throws Exception {
        answer("first answer");

        UpstreamResponse first = send(request(BODY));
        UpstreamResponse second = send(request(BODY));

        assertThat(upstreamRequests).hasSize(1);
        assertThat(cacheHeader(first)).isEqualTo("miss");
        assertThat(first.header(CacheInterceptor.CACHE_KEY_HEADER)).isEmpty();
        assertThat(cacheHeader(second)).isEqualTo("hit");
        assertThat(second.bodyText()).isEqualTo(first.bodyText()).contains("first answer");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.header("content-type")).contains("application/json");
        assertThat(second.header(CacheInterceptor.CACHE_KEY_HEADER)).hasValueSatisfying(k -> assertThat(k).hasSize(64));
        assertThat(second.header("x-litellm-model-group")).contains("claude-sonnet");
        assertThat(second.header("x-spillway-provider")).contains("cache");
    }

    @Test
    void aBodyWithoutCacheControlsGoesUpstreamAsTheExactBytesReceived() throws Exception {
        answer("a");
        ClientRequest request = request(BODY);

        send(request);

        assertThat(upstreamRequests.get(0)).isSameAs(request);
    }

    @Test
    void theCacheFieldNeverGoesUpstream() throws Exception {
        answer("a");

        send(request(withCache("{\"ttl\": 60}")));

        ClientRequest upstream = upstreamRequests.get(0);
        assertThat(Json.parseObject(upstream.body()).has("cache")).isFalse();
        assertThat(Json.parseObject(upstream.body())).isEqualTo(Json.parseObject(BODY.getBytes(StandardCharsets.UTF_8)));
        assertThat(upstream.model()).isEqualTo("claude-sonnet");
        assertThat(upstream.operation()).isEqualTo(Operation.MESSAGES);
    }

    @Test
    void aRequestWithControlsSharesEntriesWithOneWithout() throws Exception {
        answer("a");

        send(request(withCache("{\"ttl\": 60}")));

        assertThat(cacheHeader(send(request(BODY)))).isEqualTo("hit");
    }

    @Test
    void otherCallersDoNotGetMyAnswers() throws Exception {
        answer("mine");
        answer("theirs");

        send(request(BODY));
        UpstreamResponse theirs = send(request(BODY, false, "sk-ant-api03-someone-else"));

        assertThat(cacheHeader(theirs)).isEqualTo("miss");
        assertThat(theirs.bodyText()).contains("theirs");
        assertThat(upstreamRequests).hasSize(2);
    }

    @Test
    void aSharedCacheServesOtherCallers() throws Exception {
        Pipeline shared = pipeline(settings(false, true));
        answer("mine");

        send(shared, request(BODY));
        UpstreamResponse theirs = send(shared, request(BODY, false, "sk-ant-api03-someone-else"));

        assertThat(cacheHeader(theirs)).isEqualTo("hit");
        assertThat(theirs.bodyText()).contains("mine");
    }

    @Test
    void errorsAreNeverStored() throws Exception {
        answer(ScriptedProvider.error(500, "boom"));
        answer(ScriptedProvider.error(429, "slow down"));
        answer("finally");

        assertThat(send(request(BODY)).status()).isEqualTo(500);
        assertThat(send(request(BODY)).status()).isEqualTo(429);
        UpstreamResponse ok = send(request(BODY));
        UpstreamResponse hit = send(request(BODY));

        assertThat(cacheHeader(ok)).isEqualTo("miss");
        assertThat(cacheHeader(hit)).isEqualTo("hit");
        assertThat(hit.bodyText()).contains("finally");
        assertThat(upstreamRequests).hasSize(3);
    }

    // ---- ttl ---------------------------------------------------------------------------------------------------

    @Test
    void entriesExpireAfterTheConfiguredTtl() throws Exception {
        answer("a");
        answer("b");

        send(request(BODY));
        advance(Duration.ofSeconds(599));
        assertThat(cacheHeader(send(request(BODY)))).isEqualTo("hit");
        advance(Duration.ofSeconds(2));
        UpstreamResponse fresh = send(request(BODY));

        assertThat(cacheHeader(fresh)).isEqualTo("miss");
        assertThat(fresh.bodyText()).contains("b");
    }

    @Test
    void aRequestsOwnTtlShortensOrLengthensItsEntry() throws Exception {
        String shortLived = withCache("{\"ttl\": 5}");
        String longLived = BODY.replace("hi", "hello").replace("}]}", "}],\"cache\":{\"ttl\":3600}}");
        answer("short");
        answer("long");
        answer("short again");

        send(request(shortLived));
        send(request(longLived));
        advance(Duration.ofSeconds(6));

        assertThat(cacheHeader(send(request(BODY)))).isEqualTo("miss");
        advance(Duration.ofSeconds(1200));
        assertThat(cacheHeader(send(request(longLived)))).isEqualTo("hit");
    }

    @Test
    void sMaxAgeAcceptsOnlyYoungEnoughEntries() throws Exception {
        answer("old");
        answer("new");

        send(request(BODY));
        advance(Duration.ofSeconds(30));

        assertThat(cacheHeader(send(request(withCache("{\"s-maxage\": 60}"))))).isEqualTo("hit");
        assertThat(cacheHeader(send(request(withCache("{\"s-maxage\": 10}"))))).isEqualTo("miss");
    }

    // ---- per-request controls ----------------------------------------------------------------------------------

    @Test
    void noCacheFetchesAFreshAnswerAndStoresIt() throws Exception {
        answer("old");
        answer("fresh");

        send(request(BODY));
        UpstreamResponse fresh = send(request(withCache("{\"no-cache\": true}")));
        UpstreamResponse later = send(request(BODY));

        assertThat(cacheHeader(fresh)).isEqualTo("miss");
        assertThat(fresh.bodyText()).contains("fresh");
        assertThat(cacheHeader(later)).isEqualTo("hit");
        assertThat(later.bodyText()).contains("fresh");
    }

    @Test
    void noStoreKeepsTheAnswerOutOfTheCache() throws Exception {
        answer("private");
        answer("stored");

        UpstreamResponse first = send(request(withCache("{\"no-store\": true}")));
        UpstreamResponse second = send(request(BODY));
        UpstreamResponse third = send(request(BODY));

        assertThat(cacheHeader(first)).isEqualTo("miss");
        assertThat(cacheHeader(second)).isEqualTo("miss");
        assertThat(second.bodyText()).contains("stored");
        assertThat(cacheHeader(third)).isEqualTo("hit");
    }

    @Test
    void noStoreStillReadsTheCache() throws Exception {
        answer("stored");

        send(request(BODY));

        assertThat(cacheHeader(send(request(withCache("{\"no-store\": true}"))))).isEqualTo("hit");
    }

    @Test
    void inDefaultOffModeOnlyRequestsThatOptInUseTheCache() throws Exception {
        Pipeline defaultOff = pipeline(settings(true, false));
        answer("one");
        answer("two");
        answer("three");

        UpstreamResponse plain = send(defaultOff, request(BODY));
        UpstreamResponse plainAgain = send(defaultOff, request(BODY));
        UpstreamResponse optIn = send(defaultOff, request(withCache("{\"use-cache\": true}")));
        UpstreamResponse optInAgain = send(defaultOff, request(withCache("{\"use-cache\": true}")));

        assertThat(cacheHeader(plain)).isNull();
        assertThat(cacheHeader(plainAgain)).isNull();
        assertThat(plainAgain.bodyText()).contains("two");
        assertThat(cacheHeader(optIn)).isEqualTo("miss");
        assertThat(cacheHeader(optInAgain)).isEqualTo("hit");
        assertThat(optInAgain.bodyText()).contains("three");
        assertThat(Json.parseObject(upstreamRequests.get(2).body()).has("cache")).isFalse();
    }

    @Test
    void useCacheFalseOptsOut() throws Exception {
        answer("one");
        answer("two");

        send(request(BODY));
        UpstreamResponse optedOut = send(request(withCache("{\"use-cache\": false}")));

        assertThat(cacheHeader(optedOut)).isNull();
        assertThat(optedOut.bodyText()).contains("two");
    }

    @Test
    void namespacesKeepSeparateEntries() throws Exception {
        answer("a");
        answer("b");

        send(request(withCache("{\"namespace\": \"team-a\"}")));

        assertThat(cacheHeader(send(request(withCache("{\"namespace\": \"team-b\"}"))))).isEqualTo("miss");
        assertThat(cacheHeader(send(request(withCache("{\"namespace\": \"team-a\"}"))))).isEqualTo("hit");
    }

    // ---- streams -----------------------------------------------------------------------------------------------

    @Test
    void aStreamIsStoredAsRelayedAndReplayedAsAStream() throws Exception {
        answer(stream(sseChunks()));

        UpstreamResponse first = send(request(BODY, true, CALLER));
        String relayed = drain(first);
        UpstreamResponse second = send(request(BODY, true, CALLER));

        assertThat(relayed).isEqualTo(SSE);
        assertThat(cacheHeader(first)).isEqualTo("miss");
        assertThat(cacheHeader(second)).isEqualTo("hit");
        assertThat(second.isStreaming()).isTrue();
        assertThat(second.header("content-type")).contains("text/event-stream");
        assertThat(drain(second)).isEqualTo(SSE);
        assertThat(upstreamRequests).hasSize(1);
    }

    @Test
    void aStreamIsStoredOnlyOnceItHasEnded() throws Exception {
        answer(stream(sseChunks()));
        answer("complete");

        UpstreamResponse first = send(request(BODY, true, CALLER));
        UpstreamResponse meanwhile = send(request(BODY, true, CALLER).withBody(Operation.MESSAGES,
                BODY.getBytes(StandardCharsets.UTF_8), "claude-sonnet"));

        assertThat(cacheHeader(meanwhile)).isEqualTo("miss");
        drain(first);
        assertThat(cacheHeader(send(request(BODY, true, CALLER)))).isEqualTo("hit");
    }

    @Test
    void aStreamThatFailsIsNotStored() throws Exception {
        String[] chunks = sseChunks();
        answer(stream(false, chunks[0], chunks[1]));
        answer(stream(sseChunks()));

        UpstreamResponse broken = send(request(BODY, true, CALLER));
        ChunkSource.Signal last;
        broken.stream().poll(1, TimeUnit.SECONDS);
        last = broken.stream().poll(1, TimeUnit.SECONDS);

        assertThat(last).isInstanceOf(ChunkSource.Failure.class);
        assertThat(cacheHeader(send(request(BODY, true, CALLER)))).isEqualTo("miss");
    }

    @Test
    void aCancelledStreamIsNotStored() throws Exception {
        answer(stream(sseChunks()));
        answer(stream(sseChunks()));

        UpstreamResponse first = send(request(BODY, true, CALLER));
        first.stream().cancel();
        first.stream().poll(1, TimeUnit.SECONDS);
        first.stream().poll(1, TimeUnit.SECONDS);

        assertThat(cacheHeader(send(request(BODY, true, CALLER)))).isEqualTo("miss");
    }

    @Test
    void aStreamCarryingAnErrorEventIsNotStored() throws Exception {
        String withError = "event: message_start\ndata: {}\n\n"
                + "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\"}}\n\n";
        answer(stream(withError));
        answer(stream(sseChunks()));

        drain(send(request(BODY, true, CALLER)));

        assertThat(cacheHeader(send(request(BODY, true, CALLER)))).isEqualTo("miss");
    }

    @Test
    void aStreamIsNeverServedToARequestForACompleteAnswerNorTheOtherWayRound() throws Exception {
        answer(stream(sseChunks()));
        answer("complete");

        drain(send(request(BODY, true, CALLER)));
        UpstreamResponse complete = send(request(BODY));

        assertThat(cacheHeader(complete)).isEqualTo("miss");
        assertThat(complete.isStreaming()).isFalse();
        assertThat(cacheHeader(send(request(BODY)))).isEqualTo("hit");
        UpstreamResponse streamHit = send(request(BODY, true, CALLER));
        assertThat(cacheHeader(streamHit)).isEqualTo("hit");
        assertThat(streamHit.isStreaming()).isTrue();
    }

    @Test
    void streamEndsAreCheckedInTheClientsDialect() {
        assertThat(CacheInterceptor.endsCleanly(Dialect.ANTHROPIC, SSE.getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(CacheInterceptor.endsCleanly(Dialect.ANTHROPIC,
                "event: message_start\ndata: {}\n\n".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(CacheInterceptor.endsCleanly(Dialect.ANTHROPIC, ("event: content_block_delta\n"
                + "data: {\"text\":\"event: message_stop\"}\n\n").getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(CacheInterceptor.endsCleanly(Dialect.OPENAI,
                "data: {\"choices\":[]}\n\ndata: [DONE]\n\n".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(CacheInterceptor.endsCleanly(Dialect.OPENAI,
                "data: {\"choices\":[]}\n\n".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(CacheInterceptor.endsCleanly(Dialect.OPENAI,
                "data: {\"error\":{\"message\":\"x\"}}\n\ndata: [DONE]\n\n".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
    }
}
