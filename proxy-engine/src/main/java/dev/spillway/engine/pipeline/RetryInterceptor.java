package dev.spillway.engine.pipeline;

import dev.spillway.engine.config.RouterSettings;
import dev.spillway.engine.provider.UpstreamCall;
import dev.spillway.engine.routing.Cooldowns;
import dev.spillway.engine.routing.Deployment;
import dev.spillway.engine.routing.FailureKind;
import dev.spillway.engine.routing.GroupMatch;
import dev.spillway.engine.upstream.AnthropicErrors;
import dev.spillway.engine.upstream.UpstreamResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one model group: picks a deployment that is not cooling down, and on failure retries (another deployment
 * at once if there is one, else the same one after a backoff) as {@code num_retries} and {@code retry_policy} allow.
 * Rate limits are not retried unless {@code RateLimitErrorRetries} asks: the next model group is the better bet.
 * Failures count towards the deployment's cooldown.
 */
public final class RetryInterceptor implements Interceptor {

    private static final Logger log = LoggerFactory.getLogger(RetryInterceptor.class);
    private static final long INITIAL_BACKOFF_MILLIS = 500;
    private static final long MAX_BACKOFF_MILLIS = 8_000;

    private final RouterSettings settings;
    private final Cooldowns cooldowns;

    public RetryInterceptor(RouterSettings settings, Cooldowns cooldowns) {
        this.settings = settings;
        this.cooldowns = cooldowns;
    }

    @Override
    public UpstreamResponse intercept(Chain chain) throws InterruptedException {
        RoutedCall call = chain.call();
        GroupMatch target = call.target();
        List<Deployment> usable = usableDeployments(call);
        if (usable.isEmpty()) {
            return noDeploymentAnswer(call).withHeader(FailureKind.UNAVAILABLE_HEADER, "true");
        }
        UpstreamResponse last = null;
        int retries = 0;
        for (int attempt = 0; ; attempt++) {
            Deployment deployment = usable.get(attempt % usable.size());
            UpstreamResponse response = chain.proceed(call.withDeployment(deployment));
            FailureKind kind = FailureKind.of(response);
            if (kind == FailureKind.NONE) {
                cooldowns.recordSuccess(deployment.id());
                return response;
            }
            last = response;
            if (kind.coolsDown() && cooldowns.recordFailure(deployment.id(), response.retryAfter())) {
                log.info("Deployment {} of model group {} cools down after HTTP {}", deployment.id(),
                        target.group().name(), response.status());
            }
            if (!kind.fallsBack() || retries >= allowedRetries(kind)) {
                return last;
            }
            if (usable.size() == 1) {
                TimeUnit.MILLISECONDS.sleep(backoffMillis(retries, response.retryAfter()));
            }
            retries++;
            call.trace().countRetry();
        }
    }

    private List<Deployment> usableDeployments(RoutedCall call) {
        List<Deployment> usable = new ArrayList<>();
        for (Deployment d : call.target().group().deployments()) {
            UpstreamCall probe = new UpstreamCall(call.request(), call.target().upstreamModel(d), settings.timeout(),
                    settings.timeout());
            if (!cooldowns.isCoolingDown(d.id()) && d.provider().canServe(probe)) {
                usable.add(d);
            }
        }
        return usable;
    }

    private int allowedRetries(FailureKind kind) {
        Integer policy = settings.retryPolicy().get(kind.retryPolicyKey());
        if (policy != null) {
            return policy;
        }
        return kind == FailureKind.RATE_LIMIT ? 0 : settings.numRetries();
    }

    private long backoffMillis(int retry, Optional<Duration> retryAfter) {
        long exponential = Math.min(MAX_BACKOFF_MILLIS, INITIAL_BACKOFF_MILLIS << Math.min(retry, 10));
        long jittered = (long) (exponential * (0.75 + ThreadLocalRandom.current().nextDouble() * 0.5));
        long floor = Math.max(settings.retryAfter().toMillis(), retryAfter.map(Duration::toMillis).orElse(0L));
        return Math.max(jittered, Math.min(floor, MAX_BACKOFF_MILLIS));
    }

    /** Every deployment of the group is cooling down, or none can serve this caller. */
    private UpstreamResponse noDeploymentAnswer(RoutedCall call) {
        String group = call.target().group().name();
        Optional<Duration> soonest = call.target().group().deployments().stream()
                .map(d -> cooldowns.remaining(d.id()))
                .flatMap(Optional::stream)
                .min(Duration::compareTo);
        if (soonest.isPresent()) {
            long seconds = Math.max(1, (soonest.get().toMillis() + 999) / 1000);
            return AnthropicErrors.response(429, "rate_limit_error",
                    "Every deployment of model group '" + group + "' is cooling down after rate limits or errors; "
                            + "try again in " + seconds + " s.",
                    call.request().requestId(), soonest);
        }
        return AnthropicErrors.response(401, "authentication_error",
                "Model group '" + group + "' has no credential for this request: send your Anthropic API key "
                        + "(x-api-key) or Claude login token (Authorization: Bearer), or set api_key for the "
                        + "deployment in the Spillway config.",
                call.request().requestId(), Optional.empty());
    }
}
