package dev.spillway.engine.pipeline;

import dev.spillway.engine.upstream.UpstreamResponse;

/**
 * One step of the request pipeline, in the manner of OkHttp's interceptors: fallback, retry and the upstream call are
 * each an interceptor, run in a fixed order by {@link Pipeline}. An interceptor may change the call it passes on
 * (choose a model group, a deployment), call {@link Chain#proceed} any number of times, or answer by itself.
 *
 * <p>Upstream failures arrive as error {@link UpstreamResponse}s, never as exceptions, so every step can read them.
 */
public interface Interceptor {

    UpstreamResponse intercept(Chain chain) throws InterruptedException;

    /** The rest of the pipeline, from one interceptor's point of view. */
    interface Chain {

        RoutedCall call();

        UpstreamResponse proceed(RoutedCall call) throws InterruptedException;
    }
}
