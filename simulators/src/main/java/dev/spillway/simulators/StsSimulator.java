package dev.spillway.simulators;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A local stand-in for AWS STS ({@code https://sts.{region}.amazonaws.com}), for the AWS SDK's {@code StsClient} and
 * for assume-role profiles ({@code role_arn} + {@code source_profile}), pointed at {@link #baseUrl()} with
 * {@code endpointOverride} or {@code AWS_ENDPOINT_URL_STS}.
 *
 * <p>Serves AssumeRole in the AWS Query protocol: {@code POST /} with the form
 * {@code Action=AssumeRole&Version=2011-06-15&RoleArn=...&RoleSessionName=...} (optionally {@code DurationSeconds},
 * {@code ExternalId}), answered with an XML {@code AssumeRoleResponse}. Like STS it:
 * <ol>
 *   <li>verifies the SigV4 signature (service {@code sts}, any region) against the source credentials it knows
 *       ({@link #TEST_ACCESS_KEY_ID} from {@link #start()}, {@link #addSourceCredentials}, and the credentials of
 *       roles it issued, for role chaining): 403 {@code InvalidClientTokenId} for an unknown key or session token,
 *       403 {@code SignatureDoesNotMatch} for a mismatch;</li>
 *   <li>400 {@code InvalidAction} for another action or version, 400 {@code ValidationError} for a missing or
 *       malformed parameter or a duration outside 15 minutes to the role's one-hour maximum;</li>
 *   <li>403 {@code AccessDenied} for a role that was not {@linkplain #allowRole allowed}, or a wrong external id.</li>
 * </ol>
 * Errors are STS's XML {@code ErrorResponse}. Each allowed role always hands out the same {@link RoleCredentials}, so
 * a test can make a {@link BedrockSimulator} accept them ({@code bedrock.addCredentials(id, secret, token)}) and tell a
 * call signed with the role's key from one signed with the source key ({@link RecordedRequest#accessKeyId()}). Every
 * request is recorded for {@link #takeRequest()}; time comes from the clock given to {@link #start(Clock)}.
 */
public final class StsSimulator implements AutoCloseable {

    /** The temporary credentials AssumeRole of one role hands out. */
    public record RoleCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {
    }

    /** The obviously fake IAM user keys {@link #start()} accepts as source credentials (Bedrock's test keys). */
    public static final String TEST_ACCESS_KEY_ID = BedrockSimulator.TEST_ACCESS_KEY_ID;
    public static final String TEST_SECRET_ACCESS_KEY = BedrockSimulator.TEST_SECRET_ACCESS_KEY;
    /** Who the source credentials belong to, as AccessDenied messages name the caller. */
    public static final String SOURCE_USER_ARN = "arn:aws:iam::111122223333:user/spillway-test";

    /** IAM's default MaxSessionDuration for a role. */
    private static final Duration MAX_SESSION = Duration.ofHours(1);
    private static final Duration MIN_SESSION = Duration.ofMinutes(15);
    private static final Duration DEFAULT_SESSION = Duration.ofHours(1);
    private static final String VERSION = "2011-06-15";
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]*");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[\\w-]*:iam::(\\d{12}):role/(?:.*/)?([^/]+)");

    private record Role(String account, String name, String roleId, Optional<String> externalId,
            RoleCredentials credentials) {
    }

    private final Clock clock;
    private final RequestJournal journal = new RequestJournal();
    private final SigV4Verifier verifier = new SigV4Verifier("sts");
    private final Map<String, String> callerArns = new ConcurrentHashMap<>();
    private final Map<String, Role> roles = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final SimulatorServer server;

    private StsSimulator(Clock clock) {
        this.clock = clock;
        addSourceCredentials(TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY);
        this.server = SimulatorServer.start("sts-simulator", this::handle);
    }

    /** Starts a simulator on {@code 127.0.0.1} with an ephemeral port and the system clock, knowing the test keys. */
    public static StsSimulator start() {
        return start(Clock.systemUTC());
    }

    /** Starts a simulator whose credentials expire by {@code clock}. */
    public static StsSimulator start(Clock clock) {
        return new StsSimulator(clock);
    }

    /** Where the simulator listens: the STS endpoint override, e.g. {@code AWS_ENDPOINT_URL_STS}. */
    public URI baseUrl() {
        return server.baseUrl();
    }

    /** Also accepts AssumeRole calls signed with these long-term keys, as {@link #SOURCE_USER_ARN}. */
    public void addSourceCredentials(String accessKeyId, String secretAccessKey) {
        verifier.addCredentials(accessKeyId, secretAccessKey);
        callerArns.put(accessKeyId, SOURCE_USER_ARN);
    }

    /** Also accepts calls signed with these temporary credentials (e.g. an SSO role's), as {@link #SOURCE_USER_ARN}. */
    public void addSourceCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {
        verifier.addCredentials(accessKeyId, secretAccessKey, sessionToken);
        callerArns.put(accessKeyId, SOURCE_USER_ARN);
    }

    /**
     * Creates the role {@code roleArn} (e.g. {@code arn:aws:iam::111122223333:role/BedrockAccess}) and lets every
     * known caller assume it.
     *
     * @return the credentials every AssumeRole of it hands out
     */
    public RoleCredentials allowRole(String roleArn) {
        return defineRole(roleArn, Optional.empty());
    }

    /** Like {@link #allowRole(String)}, for a role whose trust policy demands {@code sts:ExternalId}. */
    public RoleCredentials allowRole(String roleArn, String externalId) {
        return defineRole(roleArn, Optional.of(externalId));
    }

    /** The oldest request not yet taken, waiting up to ten seconds for one. */
    public RecordedRequest takeRequest() {
        RecordedRequest request = journal.take(Duration.ofSeconds(10));
        if (request == null) {
            throw new IllegalStateException("no request reached the STS simulator within 10 s");
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

    private RoleCredentials defineRole(String roleArn, Optional<String> externalId) {
        var arn = ROLE_ARN.matcher(roleArn);
        if (!arn.matches()) {
            throw new IllegalArgumentException("not an IAM role ARN: " + roleArn);
        }
        int n = ids.incrementAndGet();
        RoleCredentials credentials = new RoleCredentials("ASIASPILLWAYSTS" + n, "spillway-sts-secret-" + n,
                "spillway-sts-session-token-" + n);
        roles.put(roleArn, new Role(arn.group(1), arn.group(2), "AROASPILLWAYSIM" + n, externalId, credentials));
        verifier.addCredentials(credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken());
        return credentials;
    }

    private void handle(HttpServerExchange exchange, byte[] body) throws IOException {
        RecordedRequest request = RecordedRequest.of(exchange, body);
        SigV4Verifier.Outcome outcome = verifier.verify(request, exchange.getRequestURI(), exchange.getQueryString());
        if (outcome instanceof SigV4Verifier.Outcome.Verified verified) {
            request = request.withCredential(verified.accessKeyId(), verified.region());
        }
        journal.record(request);
        if (outcome instanceof SigV4Verifier.Outcome.Rejected rejected) {
            StsError.fromSignatureCheck(rejected.error()).send(exchange);
            return;
        }
        Map<String, String> params = request.formParameters();
        String action = params.get("Action");
        if (action == null) {
            new StsError(400, "MissingAction", "Missing Action").send(exchange);
        } else if (!action.equals("AssumeRole") || !VERSION.equals(params.get("Version"))) {
            new StsError(400, "InvalidAction", "Could not find operation " + action + " for version "
                    + params.get("Version")).send(exchange);
        } else {
            assumeRole(exchange, params, request.accessKeyId());
        }
    }

    private void assumeRole(HttpServerExchange exchange, Map<String, String> params, String caller) throws IOException {
        String roleArn = params.get("RoleArn");
        String sessionName = params.get("RoleSessionName");
        String durationSeconds = params.get("DurationSeconds");
        StsError invalid = invalidParameter(roleArn, sessionName, durationSeconds);
        if (invalid != null) {
            invalid.send(exchange);
            return;
        }
        Role role = roles.get(roleArn);
        if (role == null || role.externalId().isPresent()
                && !role.externalId().get().equals(params.get("ExternalId"))) {
            StsError.accessDenied("User: " + callerArns.get(caller)
                    + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn).send(exchange);
            return;
        }
        Duration duration = durationSeconds == null ? DEFAULT_SESSION
                : Duration.ofSeconds(Long.parseLong(durationSeconds));
        if (duration.compareTo(MAX_SESSION) > 0) {
            StsError.validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
                    .send(exchange);
            return;
        }
        String assumedRoleArn = "arn:aws:sts::" + role.account() + ":assumed-role/" + role.name() + "/" + sessionName;
        callerArns.put(role.credentials().accessKeyId(), assumedRoleArn);
        Instant expiration = clock.instant().plus(duration);
        String requestId = Ids.awsRequestId();
        StsXml.send(exchange, 200, requestId, StsXml.assumeRoleResponse(role.credentials(), expiration,
                assumedRoleArn, role.roleId() + ":" + sessionName, requestId));
    }

    /** The {@code ValidationError} STS answers for these parameters, or {@code null} if they are well-formed. */
    private static StsError invalidParameter(String roleArn, String sessionName, String durationSeconds) {
        if (roleArn == null) {
            return notNull("roleArn");
        }
        if (sessionName == null) {
            return notNull("roleSessionName");
        }
        if (sessionName.length() < 2 || sessionName.length() > 64) {
            return constraint("roleSessionName", sessionName, sessionName.length() < 2
                    ? "Member must have length greater than or equal to 2"
                    : "Member must have length less than or equal to 64");
        }
        if (!SESSION_NAME.matcher(sessionName).matches()) {
            return constraint("roleSessionName", sessionName,
                    "Member must satisfy regular expression pattern: [\\w+=,.@-]*");
        }
        if (durationSeconds != null && !durationSeconds.matches("\\d{1,9}")) {
            return StsError.validation("Value '" + durationSeconds + "' for parameter DurationSeconds is invalid. "
                    + "Must be an integer.");
        }
        if (durationSeconds != null && Long.parseLong(durationSeconds) < MIN_SESSION.toSeconds()) {
            return constraint("durationSeconds", durationSeconds,
                    "Member must have value greater than or equal to " + MIN_SESSION.toSeconds());
        }
        return null;
    }

    private static StsError notNull(String member) {
        return StsError.validation("1 validation error detected: Value null at '" + member
                + "' failed to satisfy constraint: Member must not be null");
    }

    private static StsError constraint(String member, String value, String rule) {
        return StsError.validation("1 validation error detected: Value '" + value + "' at '" + member
                + "' failed to satisfy constraint: " + rule);
    }
}
