package dev.spillway.engine.aws;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;

/**
 * Builds the SDK clients for IAM Identity Center: SSO-OIDC (sign-in, token refresh) and the SSO portal (role
 * credentials). Neither call is signed. Endpoints follow the AWS SDKs' standard overrides
 * ({@code AWS_ENDPOINT_URL_SSO_OIDC}, {@code AWS_ENDPOINT_URL_SSO}, {@code AWS_ENDPOINT_URL}), read from the
 * environment given, so a company proxy or a local test double can stand in for AWS.
 */
public final class SsoClients {

    private final Optional<URI> oidcEndpoint;
    private final Optional<URI> portalEndpoint;

    private SsoClients(Optional<URI> oidcEndpoint, Optional<URI> portalEndpoint) {
        this.oidcEndpoint = oidcEndpoint;
        this.portalEndpoint = portalEndpoint;
    }

    /** AWS's own endpoints, unless {@code env} overrides them. */
    public static SsoClients fromEnvironment(Map<String, String> env) {
        Optional<URI> global = endpoint(env, "AWS_ENDPOINT_URL");
        return new SsoClients(endpoint(env, "AWS_ENDPOINT_URL_SSO_OIDC").or(() -> global),
                endpoint(env, "AWS_ENDPOINT_URL_SSO").or(() -> global));
    }

    /** Both services at {@code endpoint}. */
    public static SsoClients at(URI endpoint) {
        return new SsoClients(Optional.of(endpoint), Optional.of(endpoint));
    }

    /** A new OIDC client for {@code region}; the caller closes it. */
    public SsoOidcClient oidc(String region) {
        var builder = SsoOidcClient.builder().region(Region.of(region))
                .credentialsProvider(AnonymousCredentialsProvider.create());
        oidcEndpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** A new SSO portal client for {@code region}; the caller closes it. */
    public SsoClient portal(String region) {
        var builder = SsoClient.builder().region(Region.of(region))
                .credentialsProvider(AnonymousCredentialsProvider.create());
        portalEndpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static Optional<URI> endpoint(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank()).map(URI::create);
    }
}
