package dev.spillway.engine.server;

import dev.spillway.engine.pipeline.RequestTrace;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;
import java.util.concurrent.TimeUnit;

/** The response headers that say how a request was routed, under LiteLLM's names so existing tooling reads them. */
final class GatewayHeaders {

    private static final HttpString MODEL_GROUP = new HttpString("x-litellm-model-group");
    private static final HttpString MODEL_ID = new HttpString("x-litellm-model-id");
    private static final HttpString API_BASE = new HttpString("x-litellm-model-api-base");
    private static final HttpString FALLBACKS = new HttpString("x-litellm-attempted-fallbacks");
    private static final HttpString RETRIES = new HttpString("x-litellm-attempted-retries");
    private static final HttpString DURATION = new HttpString("x-litellm-response-duration-ms");
    private static final HttpString OVERHEAD = new HttpString("x-litellm-overhead-duration-ms");
    private static final HttpString PROVIDER = new HttpString("x-spillway-provider");

    private GatewayHeaders() {
    }

    static void add(HeaderMap out, RequestTrace trace, long startNanos) {
        RequestTrace.Served served = trace.served();
        if (served != null) {
            out.put(MODEL_GROUP, served.group());
            out.put(MODEL_ID, served.deployment().id());
            out.put(API_BASE, served.deployment().provider().apiBase());
            out.put(PROVIDER, served.deployment().provider().name());
        }
        out.put(FALLBACKS, trace.fallbacks());
        out.put(RETRIES, trace.retries());
        long total = System.nanoTime() - startNanos;
        out.put(DURATION, millis(total));
        out.put(OVERHEAD, millis(Math.max(0, total - trace.upstreamNanos())));
    }

    /** Milliseconds with three decimals, e.g. {@code 12.345}. */
    static String millis(long nanos) {
        long micros = TimeUnit.NANOSECONDS.toMicros(nanos);
        long fraction = micros % 1000;
        return (micros / 1000) + "." + (fraction < 10 ? "00" : fraction < 100 ? "0" : "") + fraction;
    }
}
