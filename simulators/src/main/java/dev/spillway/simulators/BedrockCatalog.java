package dev.spillway.simulators;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Bedrock control plane's answers to ListFoundationModels and ListInferenceProfiles: a fixed catalogue of Anthropic
 * models (an old one that is only available on demand, and the three current ones, each also as a {@code us.}
 * cross-region inference profile), in the service's JSON shapes.
 */
final class BedrockCatalog {

    private static final String REGION_ARN = "arn:aws:bedrock:us-east-1::foundation-model/";
    private static final String PROFILE_ARN = "arn:aws:bedrock:us-east-1:111122223333:inference-profile/";

    /** Base model id, display name, whether it has a {@code us.} inference profile. */
    private static final Object[][] MODELS = {
        {"anthropic.claude-3-5-sonnet-20240620-v1:0", "Claude 3.5 Sonnet", false},
        {"anthropic.claude-opus-4-5-20251101-v1:0", "Claude Opus 4.5", true},
        {"anthropic.claude-sonnet-4-5-20250929-v1:0", "Claude Sonnet 4.5", true},
        {"anthropic.claude-haiku-4-5-20251001-v1:0", "Claude Haiku 4.5", true},
    };

    private BedrockCatalog() {
    }

    static boolean serves(String method, String path) {
        return method.equals("GET") && (path.equals("/foundation-models") || path.equals("/inference-profiles"));
    }

    static ObjectNode answer(String path) {
        return path.equals("/foundation-models") ? foundationModels() : inferenceProfiles();
    }

    private static ObjectNode foundationModels() {
        ObjectNode root = Json.object();
        ArrayNode summaries = root.putArray("modelSummaries");
        for (Object[] model : MODELS) {
            ObjectNode summary = summaries.addObject()
                    .put("modelArn", REGION_ARN + model[0])
                    .put("modelId", (String) model[0])
                    .put("modelName", (String) model[1])
                    .put("providerName", "Anthropic")
                    .put("responseStreamingSupported", true);
            summary.putArray("inputModalities").add("TEXT").add("IMAGE");
            summary.putArray("outputModalities").add("TEXT");
            summary.putArray("inferenceTypesSupported").add((Boolean) model[2] ? "INFERENCE_PROFILE" : "ON_DEMAND");
            summary.putObject("modelLifecycle").put("status", "ACTIVE");
        }
        return root;
    }

    private static ObjectNode inferenceProfiles() {
        ObjectNode root = Json.object();
        ArrayNode summaries = root.putArray("inferenceProfileSummaries");
        for (Object[] model : MODELS) {
            if (!(Boolean) model[2]) {
                continue;
            }
            String id = "us." + model[0];
            ObjectNode summary = summaries.addObject()
                    .put("inferenceProfileName", "US " + model[1])
                    .put("inferenceProfileArn", PROFILE_ARN + id)
                    .put("inferenceProfileId", id)
                    .put("status", "ACTIVE")
                    .put("type", "SYSTEM_DEFINED");
            summary.putArray("models").addObject().put("modelArn", REGION_ARN + model[0]);
        }
        return root;
    }
}
