package dev.spillway.engine.routing;

import dev.spillway.engine.upstream.UpstreamResponse;
import java.util.Locale;
import java.util.regex.Pattern;

/** How the router reacts to an upstream answer. */
public enum FailureKind {
    /** 2xx. */
    NONE("-"),
    /** 429, 529, 402 and exhausted credit: fall back at once and cool the deployment down. */
    RATE_LIMIT("RateLimitErrorRetries"),
    /** 408, 504 and timeouts: retry, then fall back. */
    TIMEOUT("TimeoutErrorRetries"),
    /** Other 5xx and unreachable upstreams: retry with backoff, then fall back. */
    SERVER_ERROR("InternalServerErrorRetries"),
    /** Any other 4xx: the client's problem; returned as is. */
    CLIENT_ERROR("BadRequestErrorRetries"),
    /** A 400 saying the prompt does not fit the model's context window: only {@code context_window_fallbacks} help. */
    CONTEXT_WINDOW("-"),
    /** A refusal on content policy: only {@code content_policy_fallbacks} help. */
    CONTENT_POLICY("ContentPolicyViolationErrorRetries"),
    /** No deployment of the group could be called (all cooling down, or none has a credential): try the next group. */
    UNAVAILABLE("-");

    /** Marks answers the gateway wrote because no deployment could be called; never sent to clients. */
    public static final String UNAVAILABLE_HEADER = "x-spillway-internal-unavailable";

    /**
     * Anthropic answers 400 when the organisation's credit or usage limit is exhausted; another upstream can still
     * serve, so these fall back like a 429.
     */
    private static final Pattern EXHAUSTED_CREDIT = Pattern.compile(
            "credit balance|usage limit|spend limit|insufficient[_ ]credits|payment required");

    private static final Pattern CONTEXT_TOO_LONG = Pattern.compile(
            "prompt is too long|context_length_exceeded|maximum context length|context window|input is too long");
    private static final Pattern CONTENT_FILTERED = Pattern.compile("content_filter|content policy|content_policy");

    private final String retryPolicyKey;

    FailureKind(String retryPolicyKey) {
        this.retryPolicyKey = retryPolicyKey;
    }

    /** The LiteLLM {@code retry_policy} key that sets this kind's retries. */
    public String retryPolicyKey() {
        return retryPolicyKey;
    }

    public boolean fallsBack() {
        return this == RATE_LIMIT || this == TIMEOUT || this == SERVER_ERROR || this == UNAVAILABLE;
    }

    public boolean coolsDown() {
        return this == RATE_LIMIT || this == TIMEOUT || this == SERVER_ERROR;
    }

    public static FailureKind of(UpstreamResponse response) {
        int status = response.status();
        if (response.header(UNAVAILABLE_HEADER).isPresent()) {
            return UNAVAILABLE;
        }
        if (status < 400) {
            return NONE;
        }
        if (status == 429 || status == 529 || status == 402) {
            return RATE_LIMIT;
        }
        if (status == 408 || status == 504) {
            return TIMEOUT;
        }
        if (status >= 500) {
            return SERVER_ERROR;
        }
        if (status == 400) {
            String body = response.bodyText().toLowerCase(Locale.ROOT);
            if (EXHAUSTED_CREDIT.matcher(body).find()) {
                return RATE_LIMIT;
            }
            if (CONTEXT_TOO_LONG.matcher(body).find()) {
                return CONTEXT_WINDOW;
            }
            if (CONTENT_FILTERED.matcher(body).find()) {
                return CONTENT_POLICY;
            }
        }
        return CLIENT_ERROR;
    }
}
