package dev.spillway.engine.provider.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.json.Json;
import dev.spillway.engine.provider.Provider;
import dev.spillway.engine.provider.SocketChunkSource;
import dev.spillway.engine.provider.UpstreamCall;
import dev.spillway.engine.request.ClientRequest;
import dev.spillway.engine.upstream.UpstreamException;
import dev.spillway.engine.upstream.UpstreamResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Anthropic's Messages API, relayed as is: the body bytes, the {@code anthropic-*} headers and every other header
 * the client sent go upstream unchanged (open lists, as Claude Code's gateway contract asks), and the answer comes
 * back byte for byte. Only the credential may change: the deployment's {@code api_key}, else the caller's own.
 *
 * <p>The call runs on the request's own thread (OkHttp's synchronous API): no hand-off between threads on the way
 * up or down, which is most of what a proxy hop costs. The read timeout bounds both the wait for the answer to start
 * and every silence within a stream (Anthropic pings during long pauses).
 */
public final class AnthropicProvider implements Provider {

    public static final URI DEFAULT_BASE = URI.create("https://api.anthropic.com");
    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient shared;
    private final HttpUrl base;
    private final String apiBase;
    private final Optional<String> apiKey;
    private final Map<Duration, OkHttpClient> byTimeout = new ConcurrentHashMap<>();

    public AnthropicProvider(OkHttpClient shared, Optional<URI> apiBase, Optional<String> apiKey) {
        this.shared = shared;
        this.base = HttpUrl.get(apiBase.orElse(DEFAULT_BASE).toString().replaceAll("/+$", ""));
        this.apiBase = base.toString().replaceAll("/+$", "");
        this.apiKey = apiKey;
    }

    @Override
    public String name() {
        return "anthropic";
    }

    @Override
    public String apiBase() {
        return apiBase;
    }

    @Override
    public boolean canServe(UpstreamCall call) {
        return apiKey.isPresent() || call.request().credential().isPresent();
    }

    @Override
    public CompletableFuture<UpstreamResponse> send(UpstreamCall call) {
        Call upstream = client(call.timeout()).newCall(buildRequest(call));
        try {
            Response response = upstream.execute();
            return CompletableFuture.completedFuture(
                    toUpstreamResponse(upstream, response, call.request().stream(), call.streamIdleTimeout()));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(describe(e, call));
        }
    }

    private OkHttpClient client(Duration timeout) {
        return byTimeout.computeIfAbsent(timeout, t -> shared.newBuilder().readTimeout(t).writeTimeout(t).build());
    }

    private Request buildRequest(UpstreamCall call) {
        ClientRequest request = call.request();
        HttpUrl.Builder url = base.newBuilder().addPathSegments(request.operation().path().substring(1));
        if (!request.query().isEmpty()) {
            url.encodedQuery(request.query());
        }
        Request.Builder builder = new Request.Builder()
                .url(url.build())
                .post(RequestBody.create(body(request, call.upstreamModel()), JSON));
        UpstreamHeaders.copy(request.headers(), builder);
        UpstreamHeaders.authenticate(builder, request.headers(), apiKey, request.credential());
        return builder.build();
    }

    /** The client's bytes unchanged, unless the model group maps the model to another name. */
    private static byte[] body(ClientRequest request, String upstreamModel) {
        if (upstreamModel.equals(request.model())) {
            return request.body();
        }
        ObjectNode json = request.jsonCopy();
        json.put("model", upstreamModel);
        return Json.bytes(json);
    }

    private static UpstreamResponse toUpstreamResponse(Call call, Response response, boolean streaming,
            Duration idleTimeout) throws IOException {
        var headers = UpstreamHeaders.relayable(response.headers());
        ResponseBody body = response.body();
        if (response.code() == 200 && streaming) {
            return UpstreamResponse.streaming(200, headers, new SocketChunkSource(call, body, idleTimeout), false);
        }
        try (body) {
            return UpstreamResponse.complete(response.code(), headers, body.bytes());
        }
    }

    private UpstreamException describe(IOException e, UpstreamCall call) {
        if (e instanceof InterruptedIOException) {
            return UpstreamException.timeout("Anthropic (" + apiBase() + ") did not answer within "
                    + call.timeout().toSeconds() + " s.");
        }
        if (e instanceof ConnectException) {
            return UpstreamException.unreachable("Could not connect to Anthropic at " + apiBase() + ": "
                    + e.getMessage(), e);
        }
        return UpstreamException.unreachable("Anthropic (" + apiBase() + ") failed: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
    }
}
