package dev.spillway.engine.config;

import java.util.Optional;

/**
 * AWS fields of a Bedrock deployment. With static keys present they win; else a named profile; else the SDK's default
 * credential chain (which includes SSO profiles).
 */
public record AwsSettings(
        Optional<String> region,
        Optional<String> profile,
        Optional<String> accessKeyId,
        Optional<String> secretAccessKey,
        Optional<String> sessionToken) {

    public static AwsSettings none() {
        return new AwsSettings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Override
    public String toString() {
        return "AwsSettings[region=" + region.orElse("default") + ", profile=" + profile.orElse("default")
                + ", staticKeys=" + accessKeyId.isPresent() + "]";
    }
}
