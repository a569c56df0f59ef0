package dev.spillway.engine.aws;

import java.time.Instant;
import java.util.Optional;

/**
 * An SSO access token as cached in {@code ~/.aws/sso/cache}, with what refreshing it takes.
 *
 * @param startUrl the portal start URL
 * @param region the SSO region
 * @param accessToken the bearer token for the SSO portal API
 * @param expiresAt when the access token stops working
 * @param refreshToken the OIDC refresh token, if the service issued one
 * @param clientId the OIDC client registration the token belongs to (needed to refresh)
 * @param clientSecret that registration's secret
 * @param registrationExpiresAt when the registration expires
 */
public record SsoToken(String startUrl, String region, String accessToken, Instant expiresAt,
        Optional<String> refreshToken, Optional<String> clientId, Optional<String> clientSecret,
        Optional<Instant> registrationExpiresAt) {

    /** Whether a refresh could renew it at {@code now}: a refresh token and an unexpired client registration. */
    public boolean canRefresh(Instant now) {
        return refreshToken.isPresent() && clientId.isPresent() && clientSecret.isPresent()
                && registrationExpiresAt.map(now::isBefore).orElse(false);
    }

    @Override
    public String toString() {
        return "SsoToken[startUrl=" + startUrl + ", region=" + region + ", expiresAt=" + expiresAt
                + ", refreshable=" + refreshToken.isPresent() + "]";
    }
}
