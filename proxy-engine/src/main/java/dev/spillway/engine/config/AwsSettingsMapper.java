package dev.spillway.engine.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The AWS fields of a {@code bedrock/} deployment's {@code litellm_params}. */
final class AwsSettingsMapper {

    static final String REGION = "aws_region_name";
    static final String PROFILE = "aws_profile_name";
    static final String ACCESS_KEY_ID = "aws_access_key_id";
    static final String SECRET_ACCESS_KEY = "aws_secret_access_key";
    static final String SESSION_TOKEN = "aws_session_token";
    static final String RUNTIME_ENDPOINT = "aws_bedrock_runtime_endpoint";
    static final String BEDROCK_MODEL_IDS = "bedrock_model_ids";

    /** Keys read for Bedrock deployments. */
    static final Set<String> KEYS = Set.of(
            REGION, PROFILE, ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN, RUNTIME_ENDPOINT, BEDROCK_MODEL_IDS);

    /** LiteLLM's other ways to get AWS credentials. */
    static final Set<String> LITELLM_ONLY = Set.of("aws_role_name", "aws_session_name", "aws_web_identity_token",
            "aws_sts_endpoint", "aws_external_id", "aws_bedrock_runtime_endpoint_fips");

    private static final Pattern REGION_NAME = Pattern.compile("[a-z]{2}(-[a-z0-9]+)+");

    private AwsSettingsMapper() {}

    static AwsSettings read(ConfigNode params) {
        ConfigNode regionNode = params.get(REGION);
        Optional<String> region = regionNode.optionalString().map(String::trim);
        if (region.isPresent() && !REGION_NAME.matcher(region.get()).matches()) {
            throw regionNode.expected("an AWS region name such as us-east-1");
        }
        Optional<String> accessKeyId = params.get(ACCESS_KEY_ID).optionalString();
        Optional<String> secretAccessKey = params.get(SECRET_ACCESS_KEY).optionalString();
        Optional<String> sessionToken = params.get(SESSION_TOKEN).optionalString();
        if (accessKeyId.isPresent() != secretAccessKey.isPresent()) {
            String present = accessKeyId.isPresent() ? ACCESS_KEY_ID : SECRET_ACCESS_KEY;
            String absent = accessKeyId.isPresent() ? SECRET_ACCESS_KEY : ACCESS_KEY_ID;
            throw params.get(absent).error("is missing; " + present + " is set, and static AWS keys need both "
                    + ACCESS_KEY_ID + " and " + SECRET_ACCESS_KEY);
        }
        if (sessionToken.isPresent() && accessKeyId.isEmpty()) {
            throw params.get(SESSION_TOKEN).error(
                    "needs " + ACCESS_KEY_ID + " and " + SECRET_ACCESS_KEY + " as well; set all three or none");
        }
        return new AwsSettings(region, params.get(PROFILE).optionalString(), accessKeyId, secretAccessKey,
                sessionToken);
    }

    /** {@code bedrock_model_ids}: Anthropic model name → Bedrock model or inference-profile id. */
    static Map<String, String> readModelIds(ConfigNode params) {
        Map<String, String> ids = new LinkedHashMap<>();
        params.get(BEDROCK_MODEL_IDS)
                .entries("a map of Anthropic model name to Bedrock model id, e.g. "
                        + "claude-sonnet-4-5-20250929: us.anthropic.claude-sonnet-4-5-20250929-v1:0")
                .forEach((name, id) -> ids.put(name, id.requiredString("a Bedrock model or inference profile id")));
        return ids;
    }
}
