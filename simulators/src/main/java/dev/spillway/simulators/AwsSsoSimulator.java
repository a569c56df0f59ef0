package dev.spillway.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for AWS IAM Identity Center: the SSO-OIDC service ({@code https://oidc.{region}.amazonaws.com})
 * and the SSO portal service ({@code https://portal.sso.{region}.amazonaws.com}) on one port, for the AWS SDK's
 * {@code SsoOidcClient} and {@code SsoClient} pointed at {@link #baseUrl()} with {@code endpointOverride}.
 *
 * <p>Serves, in the services' REST-JSON wire format:
 * <ul>
 *   <li>{@code POST /client/register} (RegisterClient): a new public client, secret valid 90 days;</li>
 *   <li>{@code POST /device_authorization} (StartDeviceAuthorization): a device code, user code and verification
 *       URLs, valid {@link #setDeviceCodeLifetime ten minutes}, with a {@link #setPollInterval poll interval};</li>
 *   <li>{@code POST /token} (CreateToken) with the device-code grant: answers each poll from the
 *       {@linkplain #scriptDevicePolls script} ({@code AuthorizationPendingException}, {@code SlowDownException},
 *       {@code ExpiredTokenException}, {@code AccessDeniedException}), then issues a token; and with the
 *       {@code refresh_token} grant: a new access token, or {@code InvalidGrantException} for an unknown or
 *       {@linkplain #revokeRefreshTokens revoked} refresh token;</li>
 *   <li>{@code GET /federation/credentials} (GetRoleCredentials): role credentials for a valid, unexpired access
 *       token in {@code x-amz-sso_bearer_token}, else {@code UnauthorizedException}.</li>
 * </ul>
 * Every request is recorded for {@link #takeRequest()}. Time comes from the clock given to {@link #start(Clock)}.
 */
public final class AwsSsoSimulator implements AutoCloseable {

    /** One scripted answer to a device-code poll. */
    public enum Poll {
        /** The user has not approved yet: {@code AuthorizationPendingException}. */
        PENDING,
        /** Polling too fast: {@code SlowDownException}; the client must add five seconds to its interval. */
        SLOW_DOWN,
        /** The device code expired before approval: {@code ExpiredTokenException}. */
        EXPIRED,
        /** The user refused: {@code AccessDeniedException}. */
        DENIED
    }

    /** The role credentials {@code GetRoleCredentials} hands out. */
    public static final String ROLE_ACCESS_KEY_ID = "ASIASPILLWAYSSOTEST";
    public static final String ROLE_SECRET_ACCESS_KEY = "spillway-sso-role-secret";

    private final Clock clock;
    private final RequestJournal journal = new RequestJournal();
    private final SimulatorServer server;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<String, String> clientSecrets = new ConcurrentHashMap<>();
    private final Map<String, Deque<Poll>> devicePolls = new ConcurrentHashMap<>();
    private final Map<String, Instant> deviceExpiry = new ConcurrentHashMap<>();
    private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, Boolean> refreshTokens = new ConcurrentHashMap<>();
    private volatile List<Poll> pollScript = List.of(Poll.PENDING);
    private volatile int pollIntervalSeconds = 1;
    private volatile Duration accessTokenLifetime = Duration.ofHours(8);
    private volatile Duration deviceCodeLifetime = Duration.ofMinutes(10);
    private volatile boolean issueRefreshTokens = true;

    private AwsSsoSimulator(Clock clock) {
        this.clock = clock;
        this.server = SimulatorServer.start("aws-sso-simulator", this::handle);
    }

    /** Starts a simulator on {@code 127.0.0.1} with an ephemeral port, on the system clock. */
    public static AwsSsoSimulator start() {
        return start(Clock.systemUTC());
    }

    /** Starts a simulator whose token lifetimes are measured on {@code clock}. */
    public static AwsSsoSimulator start(Clock clock) {
        return new AwsSsoSimulator(clock);
    }

    /** Where the simulator listens; give it to both the OIDC and the SSO client as their endpoint override. */
    public URI baseUrl() {
        return server.baseUrl();
    }

    /**
     * How the next device authorizations answer their polls, in order; once the script is used up, the user has
     * approved and the next poll gets a token. The default is one {@link Poll#PENDING}.
     */
    public void scriptDevicePolls(Poll... polls) {
        pollScript = List.of(polls);
    }

    /** The {@code interval} StartDeviceAuthorization returns (default 1 second). */
    public void setPollInterval(int seconds) {
        pollIntervalSeconds = seconds;
    }

    /** How long issued access tokens last (default 8 hours). */
    public void setAccessTokenLifetime(Duration lifetime) {
        accessTokenLifetime = lifetime;
    }

    /** How long a device code stays valid (default 10 minutes). */
    public void setDeviceCodeLifetime(Duration lifetime) {
        deviceCodeLifetime = lifetime;
    }

    /** Whether CreateToken returns a refresh token (the default), as it does for sso-session registrations. */
    public void setIssueRefreshTokens(boolean issue) {
        issueRefreshTokens = issue;
    }

    /** Makes every refresh token issued so far invalid, as when the session is revoked in the portal. */
    public void revokeRefreshTokens() {
        refreshTokens.replaceAll((token, valid) -> false);
    }

    /** The oldest request not yet taken, waiting up to ten seconds for one. */
    public RecordedRequest takeRequest() {
        RecordedRequest request = journal.take(Duration.ofSeconds(10));
        if (request == null) {
            throw new IllegalStateException("no request reached the AWS SSO simulator within 10 s");
        }
        return request;
    }

    /** All requests received so far. */
    public int requestCount() {
        return journal.count();
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(HttpServerExchange exchange, byte[] body) throws IOException {
        RecordedRequest request = RecordedRequest.of(exchange, body);
        journal.record(request);
        String method = exchange.getRequestMethod().toString();
        String path = exchange.getRequestPath();
        JsonNode json = request.bodyJson() == null ? Json.object() : request.bodyJson();
        if (method.equals("POST") && path.equals("/client/register")) {
            registerClient(exchange, json);
        } else if (method.equals("POST") && path.equals("/device_authorization")) {
            startDeviceAuthorization(exchange, json);
        } else if (method.equals("POST") && path.equals("/token")) {
            createToken(exchange, json);
        } else if (method.equals("GET") && path.equals("/federation/credentials")) {
            roleCredentials(exchange, request);
        } else {
            oidcError(exchange, 404, "ResourceNotFoundException", "not_found", "Unknown operation " + path);
        }
    }

    private void registerClient(HttpServerExchange exchange, JsonNode json) throws IOException {
        if (!json.path("clientName").isTextual() || !json.path("clientType").isTextual()) {
            oidcError(exchange, 400, "InvalidRequestException", "invalid_request", "clientName and clientType are required");
            return;
        }
        int n = ids.incrementAndGet();
        String clientId = "sim-client-" + n;
        String secret = "sim-client-secret-" + n;
        clientSecrets.put(clientId, secret);
        Instant now = clock.instant();
        ObjectNode answer = Json.object()
                .put("clientId", clientId)
                .put("clientSecret", secret)
                .put("clientIdIssuedAt", now.getEpochSecond())
                .put("clientSecretExpiresAt", now.plus(Duration.ofDays(90)).getEpochSecond());
        sendJson(exchange, answer);
    }

    private void startDeviceAuthorization(HttpServerExchange exchange, JsonNode json) throws IOException {
        if (!validClient(json)) {
            oidcError(exchange, 400, "InvalidClientException", "invalid_client", "Invalid client credentials");
            return;
        }
        if (!json.path("startUrl").isTextual()) {
            oidcError(exchange, 400, "InvalidRequestException", "invalid_request", "startUrl is required");
            return;
        }
        int n = ids.incrementAndGet();
        String deviceCode = "sim-device-code-" + n;
        String userCode = "SIMU-" + String.format("%04d", n);
        devicePolls.put(deviceCode, new ArrayDeque<>(pollScript));
        deviceExpiry.put(deviceCode, clock.instant().plus(deviceCodeLifetime));
        String verification = baseUrl() + "/start/#/device";
        sendJson(exchange, Json.object()
                .put("deviceCode", deviceCode)
                .put("userCode", userCode)
                .put("verificationUri", verification)
                .put("verificationUriComplete", verification + "?user_code=" + userCode)
                .put("expiresIn", deviceCodeLifetime.toSeconds())
                .put("interval", pollIntervalSeconds));
    }

    private void createToken(HttpServerExchange exchange, JsonNode json) throws IOException {
        if (!validClient(json)) {
            oidcError(exchange, 400, "InvalidClientException", "invalid_client", "Invalid client credentials");
            return;
        }
        String grant = json.path("grantType").asText("");
        if (grant.equals("urn:ietf:params:oauth:grant-type:device_code")) {
            deviceCodeGrant(exchange, json.path("deviceCode").asText(""));
        } else if (grant.equals("refresh_token")) {
            String refresh = json.path("refreshToken").asText("");
            if (!refreshTokens.getOrDefault(refresh, false)) {
                oidcError(exchange, 400, "InvalidGrantException", "invalid_grant", "Invalid grant provided");
                return;
            }
            refreshTokens.put(refresh, false); // rotated: each refresh token is good once
            sendJson(exchange, issueToken());
        } else {
            oidcError(exchange, 400, "UnsupportedGrantTypeException", "unsupported_grant_type",
                    "Unsupported grant type: " + grant);
        }
    }

    private void deviceCodeGrant(HttpServerExchange exchange, String deviceCode) throws IOException {
        Deque<Poll> polls = devicePolls.get(deviceCode);
        if (polls == null) {
            oidcError(exchange, 400, "InvalidGrantException", "invalid_grant", "Invalid device code provided");
            return;
        }
        Poll next = clock.instant().isAfter(deviceExpiry.get(deviceCode)) ? Poll.EXPIRED : polls.poll();
        if (next == null) {
            devicePolls.remove(deviceCode);
            sendJson(exchange, issueToken());
            return;
        }
        switch (next) {
            case PENDING -> oidcError(exchange, 400, "AuthorizationPendingException", "authorization_pending",
                    "Authorization is still pending");
            case SLOW_DOWN -> oidcError(exchange, 400, "SlowDownException", "slow_down", "Client is polling too fast");
            case EXPIRED -> {
                devicePolls.remove(deviceCode);
                oidcError(exchange, 400, "ExpiredTokenException", "expired_token", "Device code has expired");
            }
            case DENIED -> {
                devicePolls.remove(deviceCode);
                oidcError(exchange, 400, "AccessDeniedException", "access_denied", "The user denied the request");
            }
        }
    }

    private ObjectNode issueToken() {
        int n = ids.incrementAndGet();
        String access = "sim-access-token-" + n;
        accessTokens.put(access, clock.instant().plus(accessTokenLifetime));
        ObjectNode token = Json.object()
                .put("accessToken", access)
                .put("tokenType", "Bearer")
                .put("expiresIn", accessTokenLifetime.toSeconds());
        if (issueRefreshTokens) {
            String refresh = "sim-refresh-token-" + n;
            refreshTokens.put(refresh, true);
            token.put("refreshToken", refresh);
        }
        return token;
    }

    private void roleCredentials(HttpServerExchange exchange, RecordedRequest request) throws IOException {
        String token = request.header("x-amz-sso_bearer_token");
        Instant expiry = token == null ? null : accessTokens.get(token);
        if (expiry == null || !clock.instant().isBefore(expiry)) {
            AwsError.auth(401, "UnauthorizedException", "Session token not found or invalid")
                    .send(exchange, Ids.awsRequestId(), Map.of());
            return;
        }
        String account = exchange.getQueryParameters().getOrDefault("account_id", new ArrayDeque<>()).peekFirst();
        String role = exchange.getQueryParameters().getOrDefault("role_name", new ArrayDeque<>()).peekFirst();
        if (account == null || role == null) {
            AwsError.auth(400, "InvalidRequestException", "account_id and role_name are required")
                    .send(exchange, Ids.awsRequestId(), Map.of());
            return;
        }
        ObjectNode answer = Json.object();
        answer.putObject("roleCredentials")
                .put("accessKeyId", ROLE_ACCESS_KEY_ID)
                .put("secretAccessKey", ROLE_SECRET_ACCESS_KEY)
                .put("sessionToken", "sim-session-" + account + "-" + role)
                .put("expiration", clock.instant().plus(Duration.ofHours(1)).toEpochMilli());
        sendJson(exchange, answer);
    }

    private boolean validClient(JsonNode json) {
        String secret = clientSecrets.get(json.path("clientId").asText(""));
        return secret != null && secret.equals(json.path("clientSecret").asText(null));
    }

    private static void sendJson(HttpServerExchange exchange, JsonNode body) throws IOException {
        Responses.send(exchange, 200, "application/json", Map.of("x-amzn-RequestId", Ids.awsRequestId()),
                Json.bytes(body));
    }

    /** SSO-OIDC errors: the exception name in {@code x-amzn-ErrorType}, OAuth's error and description in the body. */
    private static void oidcError(HttpServerExchange exchange, int status, String name, String error,
            String description) throws IOException {
        Map<String, String> headers = Map.of("x-amzn-RequestId", Ids.awsRequestId(), "x-amzn-ErrorType", name);
        Responses.send(exchange, status, "application/json", headers,
                Json.bytes(Json.object().put("error", error).put("error_description", description)));
    }
}
