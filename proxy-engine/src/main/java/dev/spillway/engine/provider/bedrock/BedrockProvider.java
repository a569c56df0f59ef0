package dev.spillway.engine.provider.bedrock;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.config.DeploymentConfig;
import dev.spillway.engine.json.Json;
import dev.spillway.engine.provider.Provider;
import dev.spillway.engine.provider.UpstreamCall;
import dev.spillway.engine.request.ClientRequest;
import dev.spillway.engine.request.Operation;
import dev.spillway.engine.routing.FailureKind;
import dev.spillway.engine.upstream.ChunkStream;
import dev.spillway.engine.upstream.UpstreamException;
import dev.spillway.engine.upstream.UpstreamResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.CountTokensInput;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelTokensRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;

/**
 * Anthropic Messages requests served by Claude on AWS Bedrock through InvokeModel and
 * InvokeModelWithResponseStream. The request body is translated as Anthropic's own SDKs do (see
 * {@link BedrockRequestMapper}); the answer is already Anthropic's format, and streams are re-framed from AWS
 * event-stream chunks into SSE events as each arrives. Bedrock sends no pings, so its streams ask the relay for
 * keep-alives.
 */
public final class BedrockProvider implements Provider {

    private static final String JSON = "application/json";

    private final BedrockRuntimeAsyncClient client;
    private final DeploymentConfig deployment;
    private final String region;
    private final CredentialGate credentialGate;

    public BedrockProvider(BedrockClients clients, DeploymentConfig deployment, CredentialGate credentialGate) {
        this.client = clients.client(deployment.aws(), deployment.apiBase());
        this.deployment = deployment;
        this.region = BedrockClients.regionOf(deployment.aws());
        this.credentialGate = credentialGate;
    }

    @Override
    public String name() {
        return "bedrock";
    }

    @Override
    public String apiBase() {
        return deployment.apiBase().map(Object::toString)
                .orElse("https://bedrock-runtime." + region + ".amazonaws.com");
    }

    /** The Bedrock model or inference-profile id this deployment calls for a model name. */
    public String modelId(String upstreamModel) {
        return BedrockModelIds.resolve(upstreamModel, region, deployment.bedrockModelIds());
    }

    @Override
    public CompletableFuture<UpstreamResponse> send(UpstreamCall call) {
        ClientRequest request = call.request();
        Optional<String> refusal = credentialGate.refusal();
        if (refusal.isPresent()) {
            return CompletableFuture.completedFuture(credentialFailure(refusal.get(), request));
        }
        String modelId = modelId(call.upstreamModel());
        byte[] body;
        try {
            body = BedrockRequestMapper.toBedrockBody(request.jsonCopy(), request.headers().all("anthropic-beta"));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new UpstreamException(400, "invalid_request_error",
                    "The request cannot be translated for AWS Bedrock: " + e.getMessage(), e));
        }
        if (request.operation() == Operation.COUNT_TOKENS) {
            return countTokens(request, modelId, body);
        }
        return request.stream() ? stream(request, modelId, body) : invoke(request, modelId, body);
    }

    private CompletableFuture<UpstreamResponse> invoke(ClientRequest request, String modelId, byte[] body) {
        return client.invokeModel(r -> r.modelId(modelId).contentType(JSON).accept(JSON)
                        .body(SdkBytes.fromByteArrayUnsafe(body)))
                .handle((response, error) -> {
                    if (error != null) {
                        return errorResponse(error, request);
                    }
                    byte[] message = response.body().asByteArrayUnsafe();
                    if (message.length == 0) { // a cut connection, reported by the SDK as an empty success
                        throw new CompletionException(UpstreamException.unreachable(
                                "AWS Bedrock returned an empty answer (connection lost).", null));
                    }
                    return UpstreamResponse.complete(200, headers(response), message);
                });
    }

    private CompletableFuture<UpstreamResponse> stream(ClientRequest request, String modelId, byte[] body) {
        CompletableFuture<UpstreamResponse> answer = new CompletableFuture<>();
        ChunkStream chunks = new ChunkStream();
        AtomicBoolean sawMessageStop = new AtomicBoolean();
        InvokeModelWithResponseStreamResponseHandler handler = InvokeModelWithResponseStreamResponseHandler.builder()
                .onResponse(response -> answer.complete(
                        UpstreamResponse.streaming(200, streamHeaders(response), chunks, true)))
                .subscriber(InvokeModelWithResponseStreamResponseHandler.Visitor.builder()
                        .onChunk(part -> {
                            BedrockSse.Event event = BedrockSse.event(part.bytes().asByteArrayUnsafe());
                            sawMessageStop.compareAndSet(false, event.isMessageStop());
                            chunks.push(event.sse());
                        })
                        .build())
                .onError(error -> failed(error, request, answer, chunks))
                .onComplete(() -> completed(sawMessageStop.get(), chunks))
                .build();
        CompletableFuture<Void> call = client.invokeModelWithResponseStream(
                r -> r.modelId(modelId).contentType(JSON).accept(JSON).body(SdkBytes.fromByteArrayUnsafe(body)),
                handler);
        call.whenComplete((ignored, error) -> {
            if (error != null) {
                failed(error, request, answer, chunks);
            }
        });
        chunks.onCancel(() -> call.cancel(true));
        return answer;
    }

    /**
     * The SDK's HTTP/1.1 client reports a connection cut mid-stream as a normal end, so a stream counts as complete
     * only once {@code message_stop} has come through.
     */
    private static void completed(boolean sawMessageStop, ChunkStream chunks) {
        if (sawMessageStop) {
            chunks.complete();
        } else {
            chunks.fail(UpstreamException.unreachable(
                    "AWS Bedrock ended the stream before message_stop (connection lost).", null));
        }
    }

    /** Before the stream started, the failure is the answer; after, the stream ends with it. */
    private void failed(Throwable error, ClientRequest request, CompletableFuture<UpstreamResponse> answer,
            ChunkStream chunks) {
        if (!answer.complete(errorResponse(error, request))) {
            AnthropicError mapped = BedrockErrorMapper.fromException(error);
            chunks.fail(new UpstreamException(mapped.status(), mapped.type(), mapped.message(), error));
        }
    }

    private CompletableFuture<UpstreamResponse> countTokens(ClientRequest request, String modelId, byte[] body) {
        ObjectNode json = Json.parseObject(body);
        if (!json.has("max_tokens")) {
            json.put("max_tokens", 1); // InvokeModel bodies require it; count_tokens requests have none
        }
        byte[] invokeBody = Json.bytes(json);
        return client.countTokens(r -> r.modelId(baseModelId(modelId))
                        .input(CountTokensInput.fromInvokeModel(InvokeModelTokensRequest.builder()
                                .body(SdkBytes.fromByteArrayUnsafe(invokeBody)).build())))
                .handle((response, error) -> {
                    if (error != null) {
                        return errorResponse(error, request);
                    }
                    ObjectNode count = Json.object().put("input_tokens", response.inputTokens());
                    return UpstreamResponse.complete(200, headers(response), Json.bytes(count));
                });
    }

    /** CountTokens takes a base model id, not an inference profile: {@code us.anthropic.x} → {@code anthropic.x}. */
    static String baseModelId(String modelId) {
        int marker = modelId.indexOf(".anthropic.");
        return marker > 0 && !modelId.startsWith("arn:") ? modelId.substring(marker + 1) : modelId;
    }

    private UpstreamResponse errorResponse(Throwable error, ClientRequest request) {
        AnthropicError mapped = BedrockErrorMapper.fromException(error, deployment.aws().profile().orElse(null));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("content-type", List.of(JSON));
        mapped.retryAfter().ifPresent(d -> headers.put("retry-after", List.of(Long.toString(d.toSeconds()))));
        if (BedrockErrorMapper.isCredentialProblem(error)) {
            headers.put(FailureKind.UNAVAILABLE_HEADER, List.of("true"));
        }
        return UpstreamResponse.complete(mapped.status(), headers, mapped.toJson(request.requestId()));
    }

    /** Like a credential failure from the SDK: the router moves on at once, and the message says how to sign in. */
    private static UpstreamResponse credentialFailure(String message, ClientRequest request) {
        AnthropicError error = new AnthropicError(500, "api_error", "AWS Bedrock: " + message, Optional.empty());
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("content-type", List.of(JSON));
        headers.put(FailureKind.UNAVAILABLE_HEADER, List.of("true"));
        return UpstreamResponse.complete(error.status(), headers, error.toJson(request.requestId()));
    }

    private static Map<String, List<String>> headers(SdkResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("content-type", List.of(JSON));
        response.sdkHttpResponse().firstMatchingHeader("x-amzn-RequestId")
                .ifPresent(id -> headers.put("request-id", List.of(id)));
        return headers;
    }

    private static Map<String, List<String>> streamHeaders(SdkResponse response) {
        Map<String, List<String>> headers = headers(response);
        headers.put("content-type", List.of("text/event-stream; charset=utf-8"));
        headers.put("cache-control", List.of("no-cache"));
        return headers;
    }
}
