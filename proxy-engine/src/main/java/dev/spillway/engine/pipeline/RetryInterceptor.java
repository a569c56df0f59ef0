package dev.spillway.engine.pipeline;

import dev.spillway.engine.config.RouterSettings;
import dev.spillway.engine.provider.UpstreamCall;
import dev.spillway.engine.routing.Cooldowns;
import dev.spillway.engine.routing.Deployment;
import dev.spillway.engine.routing.FailureKind;
import dev.spillway.engine.routing.GroupMatch;
import dev.spillway.engine.routing.Limit;
import dev.spillway.engine.routing.LimitReached;
import dev.spillway.engine.routing.LoadBalancer;
import dev.spillway.engine.upstream.AnthropicErrors;
import dev.spillway.engine.upstream.UpstreamResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one model group: asks the {@link LoadBalancer} for the order of its usable deployments (not cooling down,
 * able to serve the caller, under their {@code rpm} / {@code tpm}), calls the first and on failure retries (the next
 * deployment at once if there is one, else the same one after a backoff) as {@code num_retries} and
 * {@code retry_policy} allow. A rate limit moves on to each of the group's other deployments once (another key may
 * have quota left), then to the next model group, unless {@code RateLimitErrorRetries} says otherwise; it is never
 * retried on the same deployment by default. A deployment that could not call its upstream at all (its AWS credentials
 * failed) is never retried either. Failures count towards the deployment's cooldown.
 */
public final class RetryInterceptor implements Interceptor {

    private static final Logger log = LoggerFactory.getLogger(RetryInterceptor.class);
    private static final long INITIAL_BACKOFF_MILLIS = 500;
    private static final long MAX_BACKOFF_MILLIS = 8_000;

    private final RouterSettings settings;
    private final Cooldowns cooldowns;
    private final LoadBalancer balancer;

    public RetryInterceptor(RouterSettings settings, Cooldowns cooldowns, LoadBalancer balancer) {
        this.settings = settings;
        this.cooldowns = cooldowns;
        this.balancer = balancer;
    }

    @Override
    public UpstreamResponse intercept(Chain chain) throws InterruptedException {
        RoutedCall call = chain.call();
        GroupMatch target = call.target();
        List<Deployment> usable = usableDeployments(call);
        LoadBalancer.Plan plan = balancer.plan(usable);
        List<Deployment> order = plan.order();
        UpstreamResponse last = null;
        int retries = 0;
        int next = 0;
        while (true) {
            int chosen = startNext(order, next);
            if (chosen < 0) {
                if (last != null) {
                    return last;
                }
                return noDeploymentAnswer(call, order.isEmpty() ? plan.limitReached() : limitReachedMeanwhile(order))
                        .withHeader(FailureKind.UNAVAILABLE_HEADER, "true");
            }
            Deployment deployment = order.get(chosen);
            next = chosen + 1;
            long startedAt = balancer.now();
            UpstreamResponse response;
            try {
                response = chain.proceed(call.withDeployment(deployment));
            } catch (InterruptedException | RuntimeException | Error e) {
                balancer.abandoned(deployment);
                throw e;
            }
            FailureKind kind = FailureKind.of(response);
            balancer.answered(deployment, startedAt, kind, response.isStreaming());
            if (kind == FailureKind.NONE) {
                cooldowns.recordSuccess(deployment.id());
                return response;
            }
            last = response;
            if (kind.coolsDown() && cooldowns.recordFailure(deployment.id(), response.retryAfter(), response.status())) {
                log.info("Deployment {} of model group {} cools down after HTTP {}", deployment.id(),
                        target.group().name(), response.status());
            }
            if (!kind.fallsBack() || retries >= allowedRetries(kind, order.size())) {
                return last;
            }
            if (order.size() == 1) {
                TimeUnit.MILLISECONDS.sleep(backoffMillis(retries, response.retryAfter()));
            }
            retries++;
            call.trace().countRetry();
        }
    }

    /**
     * Starts the first deployment from position {@code from} on (cycling through {@code order}) that is still under
     * its limits.
     *
     * @return its index in {@code order}, or -1 if none is (or the order is empty)
     */
    private int startNext(List<Deployment> order, int from) {
        for (int i = 0; i < order.size(); i++) {
            int index = (from + i) % order.size();
            if (balancer.tryStart(order.get(index))) {
                return index;
            }
        }
        return -1;
    }

    /**
     * Every planned deployment reached a limit between planning and starting (concurrent requests took the last
     * places). In the unlikely case that one freed up again since, the client is asked to come back in a second.
     */
    private Optional<LimitReached> limitReachedMeanwhile(List<Deployment> order) {
        return balancer.plan(order).limitReached()
                .or(() -> Optional.of(new LimitReached(EnumSet.of(Limit.RPM), Duration.ofSeconds(1))));
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

    /**
     * A rate limit moves on to each other deployment of the group once (another key may still have quota: key
     * rotation), then to the next group, unless {@code RateLimitErrorRetries} says otherwise. So does a deployment
     * that could not call at all (its credentials failed): retrying the same one cannot help.
     */
    private int allowedRetries(FailureKind kind, int deployments) {
        Integer policy = settings.retryPolicy().get(kind.retryPolicyKey());
        if (policy != null) {
            return policy;
        }
        return kind == FailureKind.RATE_LIMIT || kind == FailureKind.UNAVAILABLE ? deployments - 1
                : settings.numRetries();
    }

    private long backoffMillis(int retry, Optional<Duration> retryAfter) {
        long exponential = Math.min(MAX_BACKOFF_MILLIS, INITIAL_BACKOFF_MILLIS << Math.min(retry, 10));
        long jittered = (long) (exponential * (0.75 + ThreadLocalRandom.current().nextDouble() * 0.5));
        long floor = Math.max(settings.retryAfter().toMillis(), retryAfter.map(Duration::toMillis).orElse(0L));
        return Math.max(jittered, Math.min(floor, MAX_BACKOFF_MILLIS));
    }

    /**
     * No deployment of the group can be called: every one is at its {@code rpm} / {@code tpm}, cooling down, or
     * unable to serve this caller. The first two are a 429 with the wait until the first deployment frees up.
     */
    private UpstreamResponse noDeploymentAnswer(RoutedCall call, Optional<LimitReached> limitReached) {
        String group = call.target().group().name();
        Optional<Duration> cooling = call.target().group().deployments().stream()
                .map(d -> cooldowns.remaining(d.id()))
                .flatMap(Optional::stream)
                .min(Duration::compareTo);
        if (limitReached.isPresent()) {
            Duration wait = cooling.filter(c -> c.compareTo(limitReached.get().freeIn()) < 0)
                    .orElse(limitReached.get().freeIn());
            return AnthropicErrors.response(429, "rate_limit_error",
                    "Every deployment of model group '" + group + "' is at its " + limitReached.get().describe()
                            + (cooling.isPresent() ? " or cooling down" : "") + "; try again in " + seconds(wait)
                            + " s.",
                    call.request().requestId(), Optional.of(wait));
        }
        if (cooling.isPresent()) {
            return AnthropicErrors.response(429, "rate_limit_error",
                    "Every deployment of model group '" + group + "' is cooling down after rate limits or errors; "
                            + "try again in " + seconds(cooling.get()) + " s.",
                    call.request().requestId(), cooling);
        }
        return AnthropicErrors.response(401, "authentication_error",
                "Model group '" + group + "' has no credential for this request: send your Anthropic API key "
                        + "(x-api-key) or Claude login token (Authorization: Bearer), or set api_key for the "
                        + "deployment in the Spillway config. A Spillway key (master or virtual) is never sent "
                        + "upstream: send it in x-litellm-api-key or x-spillway-key next to your own credential.",
                call.request().requestId(), Optional.empty());
    }

    /** Whole seconds, rounded up, at least 1: as the {@code retry-after} header says it. */
    private static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
