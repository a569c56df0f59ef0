package dev.spillway.engine.provider.bedrock;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;

/**
 * Maps Bedrock failures to the errors the Anthropic API would have returned, so Claude Code reacts as it does to
 * Anthropic (protocols.md §2.4, §3.4). Service errors keep AWS's own message text, never the SDK's decorated
 * {@code getMessage()}: Claude Code's retry logic matches on wording. Client-side failures (credentials, network)
 * become {@code 500 api_error} with a message that starts with {@code "AWS Bedrock: "} and says what to do, since the
 * Anthropic API has no error type of its own for them.
 *
 * <p>{@code ServiceQuotaExceededException} is HTTP 400 on Bedrock but means the account's quota is used up; it maps to
 * {@code 429 rate_limit_error} so the router treats it like throttling. {@code ServiceUnavailableException} (503)
 * maps to {@code 529 overloaded_error}, and {@code ModelTimeoutException} (408) to {@code 504 timeout_error}.
 */
public final class BedrockErrorMapper {

    private static final String INVALID_REQUEST = "invalid_request_error";
    private static final String AUTHENTICATION = "authentication_error";
    private static final String PERMISSION = "permission_error";
    private static final String NOT_FOUND = "not_found_error";
    private static final String CONFLICT = "conflict_error";
    private static final String TOO_LARGE = "request_too_large";
    private static final String RATE_LIMIT = "rate_limit_error";
    private static final String API = "api_error";
    private static final String TIMEOUT = "timeout_error";
    private static final String OVERLOADED = "overloaded_error";

    private record Rule(int status, String type) {
    }

    /** Bedrock Runtime error codes (lower case; class names, {@code errorCode()}s and {@code :exception-type}s). */
    private static final Map<String, Rule> BY_CODE = Map.ofEntries(
            Map.entry("throttlingexception", new Rule(429, RATE_LIMIT)),
            Map.entry("modelnotreadyexception", new Rule(429, RATE_LIMIT)),
            Map.entry("servicequotaexceededexception", new Rule(429, RATE_LIMIT)),
            Map.entry("validationexception", new Rule(400, INVALID_REQUEST)),
            Map.entry("accessdeniedexception", new Rule(403, PERMISSION)),
            Map.entry("resourcenotfoundexception", new Rule(404, NOT_FOUND)),
            Map.entry("conflictexception", new Rule(409, CONFLICT)),
            Map.entry("modeltimeoutexception", new Rule(504, TIMEOUT)),
            Map.entry("modelerrorexception", new Rule(500, API)),
            Map.entry("modelstreamerrorexception", new Rule(500, API)),
            Map.entry("internalserverexception", new Rule(500, API)),
            Map.entry("serviceunavailableexception", new Rule(529, OVERLOADED)));

    private static final Map<String, String> DEFAULT_MESSAGES = Map.of(
            INVALID_REQUEST, "Invalid request",
            AUTHENTICATION, "Authentication failed",
            PERMISSION, "Permission denied",
            NOT_FOUND, "Not found",
            CONFLICT, "Conflict",
            TOO_LARGE, "Request too large",
            RATE_LIMIT, "Rate limited",
            TIMEOUT, "Request timed out",
            OVERLOADED, "Overloaded");

    private static final Pattern ACCESS_KEY_ID = Pattern.compile("\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b");
    private static final Pattern SECRET_ASSIGNMENT =
            Pattern.compile("(?i)(secret[_ ]?access[_ ]?key|session[_ ]?token)(\\s*[=:]\\s*)\\S+");
    private static final Pattern PROFILE_IN_MESSAGE = Pattern.compile("profile '([^']+)'");
    private static final int MAX_DETAIL = 300;
    private static final int MAX_CAUSES = 20;

    private BedrockErrorMapper() {
    }

    public static AnthropicError fromException(Throwable t) {
        return fromException(t, null);
    }

    /**
     * Whether the failure is about AWS credentials (none found, SSO session expired): retrying cannot help until the
     * user signs in, so the router moves on at once.
     */
    public static boolean isCredentialProblem(Throwable t) {
        Throwable e = unwrap(t);
        return e != null && isCredentialFailure(e);
    }

    /**
     * @param t          what the SDK threw or completed a future with ({@link CompletionException} and
     *                   {@link ExecutionException} wrappers are unwrapped)
     * @param awsProfile the configured AWS profile, named in the advice for credential failures; may be null
     */
    public static AnthropicError fromException(Throwable t, String awsProfile) {
        Throwable e = unwrap(t);
        if (e == null) {
            return apiError("AWS Bedrock: request failed for an unknown reason");
        }
        if (isCredentialFailure(e)) {
            return apiError(credentialAdvice(e, awsProfile));
        }
        if (e instanceof SdkServiceException service) {
            return fromService(service);
        }
        if (isTimeout(e)) {
            return new AnthropicError(504, TIMEOUT, "AWS Bedrock: request timed out" + detail(e), Optional.empty());
        }
        if (e instanceof SdkClientException || e instanceof IOException) {
            return apiError(networkAdvice(e));
        }
        return apiError("AWS Bedrock: request failed: " + e.getClass().getSimpleName() + detail(e));
    }

    /**
     * Maps an exception frame of an InvokeModelWithResponseStream event stream.
     *
     * @param exceptionType the frame's {@code :exception-type} header, e.g. {@code throttlingException}
     * @param message       the frame's message; may be null
     */
    public static AnthropicError fromStreamException(String exceptionType, String message) {
        String code = exceptionType == null ? "" : exceptionType.trim().toLowerCase(Locale.ROOT);
        Rule rule = BY_CODE.getOrDefault(code, new Rule(500, API));
        return error(rule, message);
    }

    private static AnthropicError fromService(SdkServiceException e) {
        AwsErrorDetails details = e instanceof AwsServiceException aws ? aws.awsErrorDetails() : null;
        Rule rule = null;
        if (e instanceof BedrockRuntimeException) {
            rule = BY_CODE.get(e.getClass().getSimpleName().toLowerCase(Locale.ROOT));
        }
        if (rule == null && details != null && details.errorCode() != null) {
            rule = BY_CODE.get(details.errorCode().toLowerCase(Locale.ROOT));
        }
        if (rule == null) {
            rule = byStatus(e.statusCode());
        }
        String message = details != null && !isBlank(details.errorMessage())
                ? details.errorMessage()
                : e.toBuilder().message();
        AnthropicError error = error(rule, message);
        return new AnthropicError(error.status(), error.type(), error.message(), retryAfter(details));
    }

    /**
     * Service errors of no known code, by HTTP status; beyond the brief's table, 503 is treated like
     * {@code ServiceUnavailableException} (529), 504 like a timeout, 413 as {@code request_too_large}, and other 4xx
     * (except 424, a model failure) as invalid requests.
     */
    private static Rule byStatus(int status) {
        return switch (status) {
            case 400 -> new Rule(400, INVALID_REQUEST);
            case 401 -> new Rule(401, AUTHENTICATION);
            case 403 -> new Rule(403, PERMISSION);
            case 404 -> new Rule(404, NOT_FOUND);
            case 408, 504 -> new Rule(504, TIMEOUT);
            case 409 -> new Rule(409, CONFLICT);
            case 413 -> new Rule(413, TOO_LARGE);
            case 429 -> new Rule(429, RATE_LIMIT);
            case 503, 529 -> new Rule(529, OVERLOADED);
            default -> status >= 400 && status < 500 && status != 424
                    ? new Rule(400, INVALID_REQUEST)
                    : new Rule(500, API);
        };
    }

    private static AnthropicError error(Rule rule, String message) {
        String text = isBlank(message) ? DEFAULT_MESSAGES.getOrDefault(rule.type(), "Internal server error")
                : redact(message);
        return new AnthropicError(rule.status(), rule.type(), text, Optional.empty());
    }

    private static AnthropicError apiError(String message) {
        return new AnthropicError(500, API, message, Optional.empty());
    }

    private static Optional<Duration> retryAfter(AwsErrorDetails details) {
        if (details == null || details.sdkHttpResponse() == null) {
            return Optional.empty();
        }
        return details.sdkHttpResponse().firstMatchingHeader("Retry-After").flatMap(value -> {
            try {
                long seconds = Long.parseLong(value.trim());
                return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
            } catch (NumberFormatException notSeconds) {
                return Optional.empty();
            }
        });
    }

    // ---- client-side failures ----

    /**
     * Credential-provider failures: the SDK's "Unable to load credentials …", "Profile file contained no credentials
     * …", expired SSO sessions ("Token is expired", "… run aws sso login …"), and errors from the SSO / OIDC / STS
     * services the providers call (STS: an assume-role profile's AssumeRole was refused).
     */
    private static boolean isCredentialFailure(Throwable e) {
        return anyInChain(e, c -> {
            if (c instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
                String service = String.valueOf(aws.awsErrorDetails().serviceName()).toLowerCase(Locale.ROOT);
                return service.equals("sso") || service.equals("ssooidc") || service.equals("sts");
            }
            return c instanceof SdkClientException && (mentionsCredentials(c) || isSsoExpiry(c));
        });
    }

    private static String credentialAdvice(Throwable e, String awsProfile) {
        String profile = !isBlank(awsProfile) ? awsProfile.trim() : profileNamedIn(e);
        AwsServiceException stsRefusal = stsRefusal(e);
        if (stsRefusal != null) {
            return roleAdvice(stsRefusal.awsErrorDetails(), profile);
        }
        String login = profile == null ? "`aws sso login` (with --profile <name> for a named profile)"
                : "`aws sso login --profile " + profile + "`";
        String forProfile = profile == null ? "" : " for profile " + profile;
        if (anyInChain(e, BedrockErrorMapper::isSsoExpiry)) {
            return "AWS Bedrock: the AWS SSO session" + forProfile + " has expired or is invalid: run " + login;
        }
        return "AWS Bedrock: no AWS credentials found" + forProfile + ": run " + login
                + " or set aws_access_key_id/aws_secret_access_key in the config";
    }

    /** The STS error that stopped an assume-role profile (the role unknown or not trusting, the source key refused). */
    private static AwsServiceException stsRefusal(Throwable e) {
        for (Throwable c : causes(e)) {
            if (c instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                    && "sts".equalsIgnoreCase(String.valueOf(aws.awsErrorDetails().serviceName()))) {
                return aws;
            }
        }
        return null;
    }

    private static String roleAdvice(AwsErrorDetails sts, String profile) {
        String message = isBlank(sts.errorMessage()) ? "" : ": " + redact(sts.errorMessage().strip());
        if (message.length() > MAX_DETAIL) {
            message = message.substring(0, MAX_DETAIL) + "…";
        }
        return "AWS Bedrock: AWS profile " + (profile == null ? "in use" : profile) + " could not assume its role (STS "
                + sts.errorCode() + message + "): check its role_arn, the role's trust policy and the credentials of "
                + "its source_profile or credential_source";
    }

    private static String networkAdvice(Throwable e) {
        if (anyInChain(e, c -> String.valueOf(c.getMessage()).contains("Unable to load region"))) {
            return "AWS Bedrock: no AWS region configured: set aws_region_name in the config";
        }
        Throwable unknownHost = find(e, UnknownHostException.class);
        if (unknownHost != null) {
            return "AWS Bedrock: cannot resolve host " + redact(String.valueOf(unknownHost.getMessage()))
                    + ": check the AWS region in the config and your network/DNS";
        }
        Throwable refused = find(e, ConnectException.class);
        if (refused != null) {
            return "AWS Bedrock: cannot connect to the Bedrock endpoint" + detail(refused)
                    + ": check your network, proxy and endpoint settings";
        }
        Throwable tls = find(e, SSLException.class);
        if (tls != null) {
            return "AWS Bedrock: TLS handshake with the Bedrock endpoint failed" + detail(tls)
                    + ": check proxy and certificate settings";
        }
        return "AWS Bedrock: request failed" + detail(e);
    }

    private static boolean isTimeout(Throwable e) {
        return anyInChain(e, c -> c instanceof TimeoutException || c instanceof ApiCallTimeoutException
                || c instanceof ApiCallAttemptTimeoutException || c instanceof SocketTimeoutException
                || c.getClass().getSimpleName().endsWith("TimeoutException"));
    }

    private static boolean mentionsCredentials(Throwable c) {
        String message = String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT);
        return message.contains("unable to load credentials") || message.contains("no credentials")
                || message.contains("has no credentials");
    }

    private static boolean isSsoExpiry(Throwable c) {
        String message = String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT);
        return message.contains("sso session") || message.contains("sso login") || message.contains("token is expired");
    }

    private static String profileNamedIn(Throwable e) {
        for (Throwable c : causes(e)) {
            Matcher m = PROFILE_IN_MESSAGE.matcher(String.valueOf(c.getMessage()));
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    // ---- helpers ----

    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** {@code e} and its causes, outermost first, at most {@value #MAX_CAUSES} deep (guards against cycles). */
    private static List<Throwable> causes(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable c = e; c != null && chain.size() < MAX_CAUSES; c = c.getCause()) {
            chain.add(c);
        }
        return chain;
    }

    private static boolean anyInChain(Throwable e, Predicate<Throwable> test) {
        return causes(e).stream().anyMatch(test);
    }

    private static Throwable find(Throwable e, Class<? extends Throwable> type) {
        return causes(e).stream().filter(type::isInstance).findFirst().orElse(null);
    }

    /** {@code " (<message>)"} from the innermost cause that has one, redacted and shortened; empty if none. */
    private static String detail(Throwable e) {
        String message = null;
        for (Throwable c : causes(e)) {
            if (!isBlank(c.getMessage())) {
                message = c.getMessage();
            }
        }
        if (message == null) {
            return "";
        }
        String text = redact(message.strip().replaceAll("\\s+", " "));
        return " (" + (text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "…" : text) + ")";
    }

    /** Masks AWS access key ids and {@code secret/session token = value} pairs. */
    static String redact(String message) {
        String masked = ACCESS_KEY_ID.matcher(message).replaceAll("[redacted]");
        return SECRET_ASSIGNMENT.matcher(masked).replaceAll("$1$2[redacted]");
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
