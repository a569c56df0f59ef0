package dev.spillway.engine.routing;

import dev.spillway.engine.config.RoutingStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Spreads the requests of a model group over its deployments: orders the usable ones for each request by
 * {@code order} and the {@code routing_strategy}, leaves out those at their {@code rpm} / {@code tpm}, and keeps the
 * figures the strategies need (requests in flight, time to answer, tokens per minute). One per gateway, shared by all
 * requests; thread-safe.
 *
 * <p>The {@code RetryInterceptor} drives it: {@link #plan}, then {@link #tryStart} and {@link #answered} around every
 * upstream call. Two figures only the HTTP layer sees: the end of a successful stream ({@link InFlight#finished} on
 * {@link #inFlight()}) and the tokens an answer used ({@link #recordTokens}).
 */
public final class LoadBalancer {

    private final Ticker ticker;
    private final InFlight inFlight = new InFlight();
    private final Latencies latencies;
    private final MinuteUsage usage;
    private final DeploymentSelector selector;
    private final boolean measuresLatency;

    /**
     * @param random where each request's random choices come from; called once per request that has a choice to make
     */
    public LoadBalancer(RoutingStrategy strategy, Ticker ticker, Supplier<RandomGenerator> random) {
        this.ticker = ticker;
        this.latencies = new Latencies(ticker);
        this.usage = new MinuteUsage(ticker);
        this.measuresLatency = strategy == RoutingStrategy.LATENCY_BASED;
        this.selector = new PriorityTiers(switch (strategy) {
            case SIMPLE_SHUFFLE -> new WeightedShuffle(random);
            case LEAST_BUSY -> new LeastBusy(inFlight, random);
            case LATENCY_BASED -> new LowestLatency(latencies, random);
            case USAGE_BASED -> new LowestUsage(usage, random);
        });
    }

    /** For production: system time and {@link ThreadLocalRandom}. */
    public static LoadBalancer create(RoutingStrategy strategy) {
        return new LoadBalancer(strategy, Ticker.system(), ThreadLocalRandom::current);
    }

    /**
     * The deployments to try for one request, best first.
     *
     * @param limitReached set when deployments were left out for being at their {@code rpm} / {@code tpm}: which
     *     limits, and how soon the first of them frees up
     */
    public record Plan(List<Deployment> order, Optional<LimitReached> limitReached) {
    }

    /** @param usable the group's deployments that are not cooling down and can serve the caller */
    public Plan plan(List<Deployment> usable) {
        if (usable.stream().noneMatch(d -> d.routing().hasLimits())) {
            return new Plan(selector.order(usable), Optional.empty());
        }
        List<Deployment> underLimits = new ArrayList<>(usable.size());
        LimitReached reached = null;
        for (Deployment d : usable) {
            Optional<LimitReached> limit = usage.limitReached(d);
            if (limit.isEmpty()) {
                underLimits.add(d);
            } else {
                reached = reached == null ? limit.get() : reached.and(limit.get());
            }
        }
        return new Plan(selector.order(underLimits), Optional.ofNullable(reached));
    }

    /**
     * Starts a call to {@code deployment} unless it has reached its {@code rpm} or {@code tpm} meanwhile: counts it
     * towards its {@code rpm} and as in flight.
     *
     * @return false if the deployment is at a limit; nothing was counted
     */
    public boolean tryStart(Deployment deployment) {
        if (!usage.tryStart(deployment)) {
            return false;
        }
        inFlight.started(deployment.id());
        return true;
    }

    /** The time to pass to {@link #answered} as the start of a call. */
    public long now() {
        return ticker.read();
    }

    /**
     * A call {@linkplain #tryStart started} at {@code startedAt} has its answer (for a stream: its first event).
     * Under {@code latency-based-routing} successes and timeouts count towards the deployment's latency. Every answer
     * except a successful stream ends the call's time in flight (a stream's ends with the stream, see
     * {@link InFlight}).
     */
    public void answered(Deployment deployment, long startedAt, FailureKind kind, boolean streaming) {
        if (measuresLatency && (kind == FailureKind.NONE || kind == FailureKind.TIMEOUT)) {
            latencies.record(deployment.id(), ticker.read() - startedAt);
        }
        if (kind != FailureKind.NONE || !streaming) {
            inFlight.finished(deployment.id());
        }
    }

    /** A started call that ended without an answer (the request thread was interrupted, or a step threw). */
    public void abandoned(Deployment deployment) {
        inFlight.finished(deployment.id());
    }

    /** Requests in flight per deployment; {@link InFlight#finished} must be called when a successful stream ends. */
    public InFlight inFlight() {
        return inFlight;
    }

    /**
     * Counts tokens a deployment's answer used (prompt, cache reads and writes, and output) towards its {@code tpm}
     * and {@code usage-based-routing}, for the next 60 s. Until this is called an answer counts 0 tokens.
     */
    public void recordTokens(String deploymentId, long tokens) {
        usage.recordTokens(deploymentId, tokens);
    }
}
