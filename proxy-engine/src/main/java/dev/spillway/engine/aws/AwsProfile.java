package dev.spillway.engine.aws;

import java.util.Optional;

/**
 * One profile of {@code ~/.aws/config} (or {@code ~/.aws/credentials}), as the settings window lists it.
 *
 * @param name the profile name, without the {@code profile } prefix
 * @param region its {@code region}, if set
 * @param kind how it gets credentials
 * @param ssoSession the {@code [sso-session]} it uses, for SSO profiles of the refreshable kind
 */
public record AwsProfile(String name, Optional<String> region, Kind kind, Optional<String> ssoSession) {

    /** How a profile gets its credentials. */
    public enum Kind {
        /** IAM Identity Center: {@code sso_session}, or the legacy {@code sso_start_url}. */
        SSO,
        /** {@code aws_access_key_id} and {@code aws_secret_access_key}. */
        STATIC_KEYS,
        /** {@code role_arn} with a source profile or credential source. */
        ROLE,
        /** Anything else, e.g. {@code credential_process} or a profile with only a region. */
        OTHER
    }
}
