package dev.spillway.engine.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of {@code model_list}: a deployment of a model group.
 *
 * @param modelName the client-facing model group name ({@code model_name}); may contain {@code *} wildcards
 * @param provider the provider prefix of {@code litellm_params.model}, lower case: {@code anthropic}, {@code bedrock}, …
 * @param model {@code litellm_params.model} without the provider prefix; may be {@code *} or contain {@code *}
 * @param id {@code model_info.id}, else a stable id derived from provider, model and api base
 * @param apiKey {@code api_key}
 * @param apiBase {@code api_base}, or for Bedrock {@code aws_bedrock_runtime_endpoint}
 * @param timeout {@code timeout} (seconds in YAML)
 * @param aws the AWS fields, all empty for non-Bedrock deployments
 * @param bedrockModelIds Spillway extension {@code bedrock_model_ids}: Anthropic model name → Bedrock model or
 *     inference-profile id, overriding the built-in mapping
 * @param extraParams every other {@code litellm_params} key, resolved, for providers that use them
 */
public record DeploymentConfig(
        String modelName,
        String provider,
        String model,
        String id,
        Optional<String> apiKey,
        Optional<URI> apiBase,
        Optional<Duration> timeout,
        AwsSettings aws,
        Map<String, String> bedrockModelIds,
        Map<String, Object> extraParams) {

    public DeploymentConfig {
        bedrockModelIds = Map.copyOf(bedrockModelIds);
        extraParams = Map.copyOf(extraParams);
    }

    @Override
    public String toString() {
        // Never print the key.
        return "DeploymentConfig[" + modelName + " -> " + provider + "/" + model + ", id=" + id + "]";
    }
}
