package dev.spillway.engine.pipeline;

import dev.spillway.engine.upstream.UpstreamResponse;
import java.util.List;

/** An ordered list of interceptors; the last one must answer without proceeding. */
public final class Pipeline {

    private final List<Interceptor> interceptors;

    public Pipeline(List<Interceptor> interceptors) {
        if (interceptors.isEmpty()) {
            throw new IllegalArgumentException("a pipeline needs at least its terminal interceptor");
        }
        this.interceptors = List.copyOf(interceptors);
    }

    public UpstreamResponse execute(RoutedCall call) throws InterruptedException {
        return new RealChain(0, call).proceed(call);
    }

    private final class RealChain implements Interceptor.Chain {
        private final int index;
        private final RoutedCall call;

        RealChain(int index, RoutedCall call) {
            this.index = index;
            this.call = call;
        }

        @Override
        public RoutedCall call() {
            return call;
        }

        @Override
        public UpstreamResponse proceed(RoutedCall next) throws InterruptedException {
            if (index >= interceptors.size()) {
                throw new IllegalStateException("the last interceptor must not call proceed()");
            }
            Interceptor interceptor = interceptors.get(index);
            UpstreamResponse response = interceptor.intercept(new RealChain(index + 1, next));
            if (response == null) {
                throw new IllegalStateException(interceptor.getClass().getSimpleName() + " returned no response");
            }
            return response;
        }
    }
}
