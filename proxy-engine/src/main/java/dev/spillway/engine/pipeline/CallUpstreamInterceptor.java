package dev.spillway.engine.pipeline;

import dev.spillway.engine.provider.UpstreamCall;
import dev.spillway.engine.routing.Deployment;
import dev.spillway.engine.routing.FailureKind;
import dev.spillway.engine.upstream.AnthropicErrors;
import dev.spillway.engine.upstream.ChunkSource;
import dev.spillway.engine.upstream.ChunkStream;
import dev.spillway.engine.upstream.UpstreamException;
import dev.spillway.engine.upstream.UpstreamResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The terminal step: calls the chosen deployment and waits until its answer starts. For a stream that means its first
 * chunk, so a stream that breaks before any byte reached the client still counts as a failed attempt and can fall
 * back. Failures to reach the upstream become error answers here, so the steps above only ever see answers.
 */
public final class CallUpstreamInterceptor implements Interceptor {

    private final Duration defaultTimeout;
    private final Duration streamIdleTimeout;

    public CallUpstreamInterceptor(Duration defaultTimeout, Duration streamIdleTimeout) {
        this.defaultTimeout = defaultTimeout;
        this.streamIdleTimeout = streamIdleTimeout;
    }

    @Override
    public UpstreamResponse intercept(Chain chain) throws InterruptedException {
        RoutedCall call = chain.call();
        Deployment deployment = call.deployment()
                .orElseThrow(() -> new IllegalStateException("no deployment chosen before the upstream call"));
        String upstreamModel = call.target().upstreamModel(deployment);
        Duration timeout = deployment.timeout(defaultTimeout);
        UpstreamCall upstreamCall = new UpstreamCall(call.request(), upstreamModel, timeout, streamIdleTimeout);

        long start = System.nanoTime();
        UpstreamResponse response = await(deployment.provider().send(upstreamCall), upstreamCall, timeout);
        call.trace().recordAttempt(new RequestTrace.Attempt(call.target().group().name(), deployment.id(),
                deployment.provider().name(), response.status(), FailureKind.of(response), System.nanoTime() - start));
        call.trace().served(new RequestTrace.Served(call.target().group().name(), deployment, upstreamModel));
        return response;
    }

    private static UpstreamResponse await(CompletableFuture<UpstreamResponse> pending, UpstreamCall call,
            Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        UpstreamResponse response;
        try {
            response = pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            return failure(call, UpstreamException.timeout(
                    "The upstream did not answer within " + seconds(timeout) + " s."));
        } catch (ExecutionException e) {
            return failure(call, asUpstreamException(e.getCause()));
        }
        if (!response.isStreaming() || response.firstChunk() != null) {
            return response;
        }
        return awaitFirstChunk(response, call, deadline);
    }

    private static UpstreamResponse awaitFirstChunk(UpstreamResponse response, UpstreamCall call, long deadline)
            throws InterruptedException {
        ChunkSource stream = response.stream();
        long left = deadline - System.nanoTime();
        ChunkSource.Signal first = left > 0 ? stream.poll(left, TimeUnit.NANOSECONDS) : null;
        if (first instanceof ChunkSource.Data data) {
            return response.withFirstChunk(data.bytes());
        }
        stream.cancel();
        if (first instanceof ChunkSource.Failure failure) {
            return failure(call, asUpstreamException(failure.cause()));
        }
        if (first instanceof ChunkSource.End) {
            return failure(call, UpstreamException.unreachable("The upstream ended the stream without sending anything.", null));
        }
        return failure(call, UpstreamException.timeout("The upstream's stream sent nothing within the timeout."));
    }

    /** {@code 600}, {@code 2.5}, {@code 0.2}: sub-second timeouts must not read as "0 s". */
    private static String seconds(Duration d) {
        return java.math.BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString();
    }

    private static UpstreamException asUpstreamException(Throwable t) {
        Throwable cause = t;
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof UpstreamException upstream) {
            return upstream;
        }
        if (cause instanceof java.net.http.HttpTimeoutException) {
            return UpstreamException.timeout("The upstream did not answer in time.");
        }
        String what = cause.getClass().getSimpleName();
        return UpstreamException.unreachable("Could not reach the upstream (" + what + ")", cause);
    }

    private static UpstreamResponse failure(UpstreamCall call, UpstreamException e) {
        return AnthropicErrors.response(e.status(), e.errorType(), e.getMessage(), call.request().requestId(),
                Optional.empty());
    }
}
