package dev.spillway.engine.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.engine.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The Claude models an AWS account can call on Bedrock in one region: ListFoundationModels (provider Anthropic) and
 * ListInferenceProfiles (all pages). Two read-only GETs signed with the SDK's SigV4 signer: the SDK's generated
 * control-plane client would add 14 MB of models for a hundred operations Spillway never makes.
 */
public final class BedrockModelList {

    /** What the account has: base model ids, and inference-profile ids (e.g. {@code us.anthropic.…}). */
    public record Available(List<String> foundationModels, List<String> inferenceProfiles) {
    }

    private static final String SERVICE = "bedrock";

    private final String region;
    private final AwsCredentialsProvider credentials;
    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /** @param endpoint where the control plane is, if not {@code https://bedrock.<region>.amazonaws.com} */
    public BedrockModelList(String region, AwsCredentialsProvider credentials, Optional<URI> endpoint) {
        this.region = region;
        this.credentials = credentials;
        this.endpoint = endpoint.orElse(URI.create("https://bedrock." + region + ".amazonaws.com"));
    }

    /** @throws DiscoveryException if Bedrock cannot be asked (credentials, network, permissions) */
    public Available list() throws InterruptedException {
        AwsCredentialsIdentity identity = identity();
        List<String> models = new ArrayList<>();
        get("/foundation-models", Map.of("byProvider", "Anthropic"), identity)
                .path("modelSummaries").forEach(model -> models.add(model.path("modelId").asText()));
        List<String> profiles = new ArrayList<>();
        String nextToken = null;
        do {
            Map<String, String> query = nextToken == null
                    ? Map.of("maxResults", "1000")
                    : Map.of("maxResults", "1000", "nextToken", nextToken);
            JsonNode page = get("/inference-profiles", query, identity);
            page.path("inferenceProfileSummaries").forEach(profile -> {
                String id = profile.path("inferenceProfileId").asText();
                if (id.contains("anthropic.")) {
                    profiles.add(id);
                }
            });
            nextToken = page.path("nextToken").asText(null);
        } while (nextToken != null && !nextToken.isEmpty());
        return new Available(models, profiles);
    }

    /** {@code x-amzn-ErrorType: UnrecognizedClientException:http://internal.amazon.com/...} -> the name. */
    private static String errorType(HttpResponse<?> response) {
        return response.headers().firstValue("x-amzn-ErrorType").map(type -> " " + type.split(":", 2)[0]).orElse("");
    }

    private AwsCredentialsIdentity identity() {
        try {
            return credentials.resolveCredentials();
        } catch (SdkException e) {
            throw new DiscoveryException("cannot list Bedrock models in " + region + ": " + e.getMessage());
        }
    }

    private JsonNode get(String path, Map<String, String> query, AwsCredentialsIdentity identity)
            throws InterruptedException {
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.GET)
                .uri(endpoint.resolve(path));
        query.forEach(unsigned::putRawQueryParameter);
        SdkHttpRequest signed = signer.sign(r -> r.identity(identity).request(unsigned.build())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)).request();
        HttpRequest.Builder request = HttpRequest.newBuilder(signed.getUri()).timeout(Duration.ofSeconds(30)).GET();
        // java.net.http sets Host itself, from the same URI the signature covers.
        signed.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json = response.body().length == 0 ? Json.MAPPER.createObjectNode()
                    : Json.MAPPER.readTree(response.body());
            if (response.statusCode() != 200) {
                throw new DiscoveryException("cannot list Bedrock models in " + region + ": " + path + " answered "
                        + response.statusCode() + errorType(response) + ": "
                        + json.path("message").asText(json.path("Message").asText("(no message)")));
            }
            return json;
        } catch (IOException e) {
            throw new DiscoveryException("cannot list Bedrock models in " + region + ": cannot reach " + endpoint
                    + ": " + e.getMessage());
        }
    }
}
