package dev.spillway.engine.provider.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.json.Json;
import dev.spillway.engine.provider.Provider;
import dev.spillway.engine.provider.UpstreamCall;
import dev.spillway.engine.request.ClientRequest;
import dev.spillway.engine.upstream.ChunkStream;
import dev.spillway.engine.upstream.UpstreamException;
import dev.spillway.engine.upstream.UpstreamResponse;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;

/**
 * Anthropic's Messages API, relayed as is: the body bytes, the {@code anthropic-*} headers and every other header
 * the client sent go upstream unchanged (open lists, as Claude Code's gateway contract asks), and the answer comes
 * back byte for byte. Only the credential may change: the deployment's {@code api_key}, else the caller's own.
 */
public final class AnthropicProvider implements Provider {

    public static final URI DEFAULT_BASE = URI.create("https://api.anthropic.com");

    private final HttpClient http;
    private final URI base;
    private final Optional<String> apiKey;

    public AnthropicProvider(HttpClient http, Optional<URI> apiBase, Optional<String> apiKey) {
        this.http = http;
        this.base = stripTrailingSlash(apiBase.orElse(DEFAULT_BASE));
        this.apiKey = apiKey;
    }

    @Override
    public String name() {
        return "anthropic";
    }

    @Override
    public String apiBase() {
        return base.toString();
    }

    @Override
    public boolean canServe(UpstreamCall call) {
        return apiKey.isPresent() || call.request().credential().isPresent();
    }

    @Override
    public CompletableFuture<UpstreamResponse> send(UpstreamCall call) {
        ClientRequest request = call.request();
        HttpRequest upstream = buildRequest(call);
        boolean streaming = request.stream();
        HttpResponse.BodyHandler<Object> handler = info -> info.statusCode() == 200 && streaming
                ? HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofPublisher(), p -> (Object) p)
                : HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArray(), b -> (Object) b);
        return http.sendAsync(upstream, handler)
                .handle((response, error) -> {
                    if (error != null) {
                        throw describe(error, call);
                    }
                    return toUpstreamResponse(response);
                });
    }

    private HttpRequest buildRequest(UpstreamCall call) {
        ClientRequest request = call.request();
        String query = request.query().isEmpty() ? "" : "?" + request.query();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + request.operation().path() + query))
                .timeout(call.timeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(request, call.upstreamModel())));
        if ("http".equals(base.getScheme())) {
            builder.version(HttpClient.Version.HTTP_1_1);
        }
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

    @SuppressWarnings("unchecked")
    private static UpstreamResponse toUpstreamResponse(HttpResponse<Object> response) {
        Map<String, List<String>> headers = UpstreamHeaders.relayable(response.headers().map());
        if (response.body() instanceof byte[] bytes) {
            return UpstreamResponse.complete(response.statusCode(), headers, bytes);
        }
        ChunkStream stream = new ChunkStream();
        ((Flow.Publisher<List<ByteBuffer>>) response.body()).subscribe(stream);
        return UpstreamResponse.streaming(response.statusCode(), headers, stream, false);
    }

    private RuntimeException describe(Throwable error, UpstreamCall call) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof HttpTimeoutException) {
            return new CompletionException(UpstreamException.timeout("Anthropic (" + base + ") did not answer within "
                    + call.timeout().toSeconds() + " s."));
        }
        if (cause instanceof ConnectException) {
            return new CompletionException(UpstreamException.unreachable("Could not connect to Anthropic at " + base
                    + ": " + cause.getClass().getSimpleName(), cause));
        }
        return new CompletionException(UpstreamException.unreachable("Anthropic (" + base + ") failed: "
                + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause));
    }

    private static URI stripTrailingSlash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : uri;
    }
}
