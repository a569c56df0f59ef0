package dev.spillway.engine.provider.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.json.Json;
import dev.spillway.engine.provider.Provider;
import dev.spillway.engine.provider.SocketChunkSource;
import dev.spillway.engine.provider.UpstreamCall;
import dev.spillway.engine.request.ClientRequest;
import dev.spillway.engine.request.Dialect;
import dev.spillway.engine.request.Operation;
import dev.spillway.engine.upstream.AnthropicErrors;
import dev.spillway.engine.upstream.UpstreamException;
import dev.spillway.engine.upstream.UpstreamResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * An OpenAI-compatible Chat Completions server (OpenAI, OpenRouter, Groq, DeepSeek, Ollama, vLLM, …). OpenAI-dialect
 * requests pass through as received (only the model name may change); the deployment's {@code api_key} is sent as a
 * bearer token, and {@code extra_headers} from the config are added. Like the Anthropic provider, the call runs on the
 * request's own thread.
 */
public final class OpenAiCompatibleProvider implements Provider {

    private static final MediaType JSON = MediaType.get("application/json");
    private static final Set<String> NOT_RELAYED = Set.of(
            "connection", "keep-alive", "transfer-encoding", "content-length", "te", "trailer", "upgrade",
            "proxy-connection", "set-cookie");

    private final OkHttpClient shared;
    private final String name;
    private final HttpUrl base;
    private final String apiBase;
    private final Optional<String> apiKey;
    private final Map<String, String> extraHeaders;
    private final OpenAiCompatibleKind kind;
    private final Optional<Boolean> supportsReasoning;
    private final Map<Duration, OkHttpClient> byTimeout = new ConcurrentHashMap<>();

    public OpenAiCompatibleProvider(OkHttpClient shared, OpenAiCompatibleKind kind, Optional<URI> apiBase,
            Optional<String> apiKey, Map<String, String> extraHeaders, Optional<Boolean> supportsReasoning) {
        this.shared = shared;
        this.kind = kind;
        this.supportsReasoning = supportsReasoning;
        this.name = kind.prefix();
        this.apiBase = apiBase.orElse(kind.defaultBase()).toString().replaceAll("/+$", "");
        this.base = HttpUrl.get(this.apiBase);
        this.apiKey = apiKey;
        this.extraHeaders = Map.copyOf(extraHeaders);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Dialect dialect() {
        return Dialect.OPENAI;
    }

    @Override
    public String apiBase() {
        return apiBase;
    }

    @Override
    public CompletableFuture<UpstreamResponse> send(UpstreamCall call) {
        ClientRequest request = call.request();
        if (request.operation().dialect() != Dialect.OPENAI) {
            return CompletableFuture.completedFuture(AnthropicErrors.response(404, "not_found_error",
                    request.operation() == Operation.COUNT_TOKENS
                            ? "count_tokens is not available for this model's upstream (" + name + ")."
                            : "This upstream (" + name + ") only speaks OpenAI's API.",
                    request.requestId(), Optional.empty()));
        }
        Call upstream = client(call.timeout()).newCall(buildRequest(call));
        try {
            Response response = upstream.execute();
            return CompletableFuture.completedFuture(toUpstreamResponse(upstream, response, request.stream(),
                    call.streamIdleTimeout()));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(describe(e, call));
        }
    }

    /**
     * {@code reasoning_effort} only for models that reason; OpenAI's own API takes {@code max_completion_tokens},
     * which every current OpenAI chat model accepts and its reasoning models require.
     */
    @Override
    public void adaptTranslated(ObjectNode body, String upstreamModel) {
        if (!supportsReasoning.orElseGet(() -> ReasoningModels.takesReasoningEffort(upstreamModel))) {
            body.remove("reasoning_effort");
        }
        if (ReasoningModels.wantsMaxCompletionTokens(kind) && body.has("max_tokens")) {
            body.set("max_completion_tokens", body.remove("max_tokens"));
        }
    }

    private OkHttpClient client(Duration timeout) {
        return byTimeout.computeIfAbsent(timeout, t -> shared.newBuilder().readTimeout(t).writeTimeout(t).build());
    }

    private Request buildRequest(UpstreamCall call) {
        ClientRequest request = call.request();
        HttpUrl url = base.newBuilder().addPathSegments(request.operation().path().substring(1)).build();
        Request.Builder builder = new Request.Builder()
                .url(url)
                .post(RequestBody.create(body(request, call.upstreamModel()), JSON))
                .header("accept", request.stream() ? "text/event-stream" : "application/json");
        request.headers().first("user-agent").ifPresent(ua -> builder.header("user-agent", ua));
        extraHeaders.forEach(builder::header);
        apiKey.ifPresent(key -> builder.header("authorization", "Bearer " + key));
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
        Map<String, List<String>> headers = relayable(response.headers());
        if (response.code() == 200 && streaming) {
            return UpstreamResponse.streaming(200, headers, new SocketChunkSource(call, response.body(), idleTimeout),
                    false);
        }
        try (var body = response.body()) {
            return UpstreamResponse.complete(response.code(), headers, body.bytes());
        }
    }

    private static Map<String, List<String>> relayable(Headers upstream) {
        Map<String, List<String>> relayed = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0, n = upstream.size(); i < n; i++) {
            String header = upstream.name(i).toLowerCase(Locale.ROOT);
            if (!NOT_RELAYED.contains(header)) {
                relayed.computeIfAbsent(header, k -> new ArrayList<>(1)).add(upstream.value(i));
            }
        }
        return relayed;
    }

    private UpstreamException describe(IOException e, UpstreamCall call) {
        if (e instanceof InterruptedIOException) {
            return UpstreamException.timeout(name + " (" + apiBase + ") did not answer within "
                    + call.timeout().toSeconds() + " s.");
        }
        return UpstreamException.unreachable("Could not reach " + name + " at " + apiBase + ": "
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
    }
}
