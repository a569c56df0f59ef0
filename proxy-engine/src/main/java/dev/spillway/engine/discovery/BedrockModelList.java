package dev.spillway.engine.discovery;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.FoundationModelSummary;
import software.amazon.awssdk.services.bedrock.model.InferenceProfileSummary;

/**
 * The Claude models an AWS account can call on Bedrock in one region: ListFoundationModels (provider Anthropic) and
 * ListInferenceProfiles (all pages), through the SDK's Bedrock control-plane client.
 */
public final class BedrockModelList {

    /** What the account has: base model ids, and inference-profile ids (e.g. {@code us.anthropic.…}). */
    public record Available(List<String> foundationModels, List<String> inferenceProfiles) {
    }

    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final Optional<URI> endpoint;

    public BedrockModelList(String region, AwsCredentialsProvider credentials, Optional<URI> endpoint) {
        this.region = Region.of(region);
        this.credentials = credentials;
        this.endpoint = endpoint;
    }

    /** @throws DiscoveryException if Bedrock cannot be asked (credentials, network, permissions) */
    public Available list() {
        var builder = BedrockClient.builder().region(region).credentialsProvider(credentials);
        endpoint.ifPresent(builder::endpointOverride);
        try (BedrockClient bedrock = builder.build()) {
            List<String> models = new ArrayList<>();
            for (FoundationModelSummary model : bedrock.listFoundationModels(r -> r.byProvider("Anthropic"))
                    .modelSummaries()) {
                models.add(model.modelId());
            }
            List<String> profiles = new ArrayList<>();
            for (InferenceProfileSummary profile : bedrock.listInferenceProfilesPaginator(r -> r.maxResults(1000))
                    .inferenceProfileSummaries()) {
                if (profile.inferenceProfileId().contains("anthropic.")) {
                    profiles.add(profile.inferenceProfileId());
                }
            }
            return new Available(models, profiles);
        } catch (SdkException e) {
            throw new DiscoveryException("cannot list Bedrock models in " + region + ": " + e.getMessage());
        }
    }
}
