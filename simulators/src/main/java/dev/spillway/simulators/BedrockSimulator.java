package dev.spillway.simulators;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * A local stand-in for {@code https://bedrock-runtime.{region}.amazonaws.com}, for the AWS SDK for Java v2 pointed
 * at it with {@code endpointOverride(baseUrl())} over plain HTTP/1.1.
 *
 * <p>Serves {@code POST /model/{modelId}/invoke} and {@code POST /model/{modelId}/invoke-with-response-stream} from
 * the queue of {@linkplain #enqueue enqueued} replies, falling back to the {@linkplain #setDefaultReply default reply}
 * ({@link BedrockReply#echo()} unless changed). Before that it does what AWS does:
 * <ol>
 *   <li>verifies the SigV4 signature (service {@code bedrock}, any region) against the configured credentials:
 *       403 {@code UnrecognizedClientException} for an unknown key, 403 {@code InvalidSignatureException} for a
 *       mismatch;</li>
 *   <li>404 {@code UnknownOperationException} for any other route;</li>
 *   <li>unless {@linkplain #setBodyValidation turned off}, 400 {@code ValidationException} for a body that lacks
 *       {@code anthropic_version} or {@code max_tokens}, or carries {@code model} or {@code stream}.</li>
 * </ol>
 * It also plays the Bedrock control plane ({@code https://bedrock.{region}.amazonaws.com}) for the two calls model
 * discovery makes: {@code GET /foundation-models} (ListFoundationModels) and {@code GET /inference-profiles}
 * (ListInferenceProfiles), answering with a fixed catalogue of Claude models (see {@link BedrockCatalog}).
 * Every request, answered or refused, is recorded for {@link #takeRequest()}.
 */
public final class BedrockSimulator extends RecordingSimulator<BedrockReply> {

    /** An obviously fake access key id that {@link #start()} accepts. */
    public static final String TEST_ACCESS_KEY_ID = "AKIDSPILLWAYTEST";
    /** The secret that goes with {@link #TEST_ACCESS_KEY_ID}. */
    public static final String TEST_SECRET_ACCESS_KEY = "spillway-test-secret";

    private final SigV4Verifier verifier = new SigV4Verifier("bedrock");
    private final BedrockResponder responder;
    private volatile boolean bodyValidation = true;

    private BedrockSimulator(String accessKeyId, String secretAccessKey) {
        super("bedrock-simulator", BedrockReply.echo());
        verifier.addCredentials(accessKeyId, secretAccessKey);
        this.responder = new BedrockResponder(server);
    }

    /** Starts a simulator that accepts requests signed with {@code accessKeyId} and {@code secretAccessKey}. */
    public static BedrockSimulator start(String accessKeyId, String secretAccessKey) {
        return new BedrockSimulator(accessKeyId, secretAccessKey);
    }

    /** Starts a simulator that accepts {@link #TEST_ACCESS_KEY_ID} / {@link #TEST_SECRET_ACCESS_KEY}. */
    public static BedrockSimulator start() {
        return start(TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY);
    }

    /** Also accepts requests signed with this key pair (session tokens are accepted if they are signed). */
    public void addCredentials(String accessKeyId, String secretAccessKey) {
        verifier.addCredentials(accessKeyId, secretAccessKey);
    }

    /**
     * Also accepts requests signed with these temporary credentials, e.g. a role's from {@link StsSimulator}; like AWS,
     * it refuses them without {@code sessionToken} in {@code x-amz-security-token}.
     */
    public void addCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {
        verifier.addCredentials(accessKeyId, secretAccessKey, sessionToken);
    }

    /** Turns Bedrock's request-body validation on (the default) or off. */
    public void setBodyValidation(boolean enabled) {
        bodyValidation = enabled;
    }

    /**
     * CountTokens: {@code {"input":{"invokeModel":{"body":"<base64 InvokeModel body>"}}}} → {@code {"inputTokens":N}},
     * about one token per four body bytes. Like Bedrock, it takes base model ids only, not inference profiles.
     */
    private void countTokens(HttpServerExchange exchange, BedrockRoute route, RecordedRequest request)
            throws IOException {
        com.fasterxml.jackson.databind.JsonNode encoded = request.bodyJson() == null ? null
                : request.bodyJson().path("input").path("invokeModel").path("body");
        if (encoded == null || !encoded.isTextual()) {
            AwsError.bedrock(400, "ValidationException", "input.invokeModel.body is required")
                    .send(exchange, Ids.awsRequestId(), Map.of());
            return;
        }
        if (!route.modelId().startsWith("anthropic.")) {
            AwsError.bedrock(400, "ValidationException", "The provided model identifier is invalid.")
                    .send(exchange, Ids.awsRequestId(), Map.of());
            return;
        }
        byte[] invokeBody = java.util.Base64.getDecoder().decode(encoded.textValue());
        String violation = bodyValidation ? BedrockBodyRules.violationIn(Json.parseOrNull(invokeBody)) : null;
        if (violation != null) {
            AwsError.bedrock(400, "ValidationException", violation).send(exchange, Ids.awsRequestId(), Map.of());
            return;
        }
        byte[] answer = Json.bytes(Json.object().put("inputTokens", Math.max(1, invokeBody.length / 4)));
        Responses.send(exchange, 200, "application/json", Map.of("x-amzn-RequestId", Ids.awsRequestId()), answer);
    }

    @Override
    void handle(HttpServerExchange exchange, byte[] body) throws IOException, InterruptedException {
        long receivedAt = System.nanoTime();
        String rawPath = exchange.getRequestURI();
        BedrockRoute route = BedrockRoute.match(exchange.getRequestMethod().toString(), rawPath);
        RecordedRequest request = RecordedRequest.of(exchange, body);
        if (route != null) {
            request = request.withModel(route.modelId(), route.streaming());
        }
        SigV4Verifier.Outcome outcome = verifier.verify(request, rawPath, exchange.getQueryString());
        if (outcome instanceof SigV4Verifier.Outcome.Verified verified) {
            request = request.withCredential(verified.accessKeyId(), verified.region());
        }
        journal.record(request);

        if (route != null && route.countTokens() && !(outcome instanceof SigV4Verifier.Outcome.Rejected)) {
            countTokens(exchange, route, request);
            return;
        }
        String violation = route != null && bodyValidation ? BedrockBodyRules.violationIn(request.bodyJson()) : null;
        if (outcome instanceof SigV4Verifier.Outcome.Rejected rejected) {
            rejected.error().send(exchange, Ids.awsRequestId(), Map.of());
        } else if (route == null && BedrockCatalog.serves(request.method(), exchange.getRequestPath())) {
            Responses.send(exchange, 200, "application/json", Map.of("x-amzn-RequestId", Ids.awsRequestId()),
                    Json.bytes(BedrockCatalog.answer(exchange.getRequestPath())));
        } else if (route == null) {
            AwsError.auth(404, "UnknownOperationException", "Unknown operation " + request.path())
                    .send(exchange, Ids.awsRequestId(), Map.of());
        } else if (violation != null) {
            AwsError.bedrock(400, "ValidationException", violation).send(exchange, Ids.awsRequestId(), Map.of());
        } else {
            responder.respond(exchange, request, replies.next(), receivedAt);
        }
    }
}
