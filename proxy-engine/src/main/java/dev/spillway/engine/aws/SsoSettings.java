package dev.spillway.engine.aws;

import java.util.List;
import java.util.Optional;

/**
 * What signing in to one SSO profile needs, from the profile and its {@code [sso-session]} section.
 *
 * @param profile the profile name
 * @param startUrl the portal's start URL, e.g. {@code https://my-sso-portal.awsapps.com/start}
 * @param ssoRegion the region of IAM Identity Center (the OIDC and portal endpoints)
 * @param sessionName the {@code sso-session} name; empty for a legacy profile
 * @param accountId {@code sso_account_id}, if set
 * @param roleName {@code sso_role_name}, if set
 * @param scopes {@code sso_registration_scopes} (default {@code sso:account:access} for sso-session profiles)
 */
public record SsoSettings(String profile, String startUrl, String ssoRegion, Optional<String> sessionName,
        Optional<String> accountId, Optional<String> roleName, List<String> scopes) {

    /**
     * What the token cache file is named after: the session name, or the start URL for a legacy profile (as the AWS
     * CLI and the SDKs do).
     */
    public String cacheKey() {
        return sessionName.orElse(startUrl);
    }

    /** Whether the SDK refreshes this profile's token by itself (sso-session profiles; legacy ones never refresh). */
    public boolean refreshable() {
        return sessionName.isPresent();
    }
}
