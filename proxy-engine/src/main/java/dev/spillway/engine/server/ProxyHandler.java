package dev.spillway.engine.server;

import dev.spillway.engine.events.RequestEvent;
import dev.spillway.engine.keys.Admission;
import dev.spillway.engine.keys.VirtualKey;
import dev.spillway.engine.pipeline.CacheInterceptor;
import dev.spillway.engine.pipeline.RequestTrace;
import dev.spillway.engine.pipeline.RoutedCall;
import dev.spillway.engine.request.BodySummary;
import dev.spillway.engine.request.ClientRequest;
import dev.spillway.engine.request.InvalidRequestException;
import dev.spillway.engine.request.Operation;
import dev.spillway.engine.routing.GroupMatch;
import dev.spillway.engine.upstream.AnthropicErrors;
import dev.spillway.engine.upstream.RequestHeaders;
import dev.spillway.engine.upstream.UpstreamResponse;
import dev.spillway.engine.upstream.UsageTap;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proxied operation ({@code POST /v1/messages}, {@code /v1/messages/count_tokens}, {@code /v1/chat/completions},
 * {@code /v1/completions}): checks access, reads and validates the body, resolves the model group, runs the routing
 * pipeline and relays the answer in the client's dialect, then publishes one event. Runs on a worker thread, with
 * blocking I/O towards the client.
 */
final class ProxyHandler implements HttpHandler {

    static final int MAX_BODY_BYTES = 32 * 1024 * 1024;
    /** How much of a too-large body is read (and dropped) so that its sender gets to see the 413. */
    static final long MAX_DISCARDED_BYTES = 4L * MAX_BODY_BYTES;
    private static final HttpString REQUEST_ID = new HttpString("request-id");
    private static final HttpString RESPONSE_COST = new HttpString("x-litellm-response-cost");
    private static final Logger log = LoggerFactory.getLogger(ProxyHandler.class);

    private final Operation operation;
    private final ClientFormat format;
    private final GatewayContext gateway;

    ProxyHandler(Operation operation, GatewayContext gateway) {
        this.operation = operation;
        this.format = ClientFormat.of(operation.dialect());
        this.gateway = gateway;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        exchange.startBlocking();
        Exchange ex = new Exchange(exchange, RequestIds.next(), Instant.now(), System.nanoTime());
        try {
            handle(ex);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ex.fail(529, "Spillway is shutting down; retry the request.");
        } catch (RuntimeException e) {
            log.error("Request {} failed inside the gateway", ex.requestId, e);
            ex.fail(500, "Spillway failed to handle the request (" + e.getClass().getSimpleName()
                    + "); see the Spillway log for request " + ex.requestId + ".");
        }
    }

    private void handle(Exchange ex) throws InterruptedException {
        AccessGuard.Decision decision = gateway.access().check(ex.presented());
        if (decision instanceof AccessGuard.Refused refused) {
            ex.fail(refused.status(), refused.message());
            return;
        }
        byte[] body = ex.readBody();
        if (body == null) {
            return;
        }
        BodySummary summary;
        try {
            summary = BodySummary.of(body);
        } catch (InvalidRequestException e) {
            ex.fail(400, e.getMessage());
            return;
        }
        ex.requestedModel = summary.model();
        AccessGuard.Allowed allowed = (AccessGuard.Allowed) decision;
        ex.virtualKey = allowed.virtualKey();
        ex.caller = allowed.virtualKey().map(VirtualKey::token)
                .or(() -> allowed.credential().map(c -> CallerIds.of(c.token())));
        Optional<GroupMatch> target = ex.routing.routes().resolve(summary.model());
        if (target.isEmpty()) {
            ex.fail(404, "model: '" + summary.model() + "' is not served by this Spillway. "
                    + "Available: " + String.join(", ", ex.routing.routes().groupNames()) + ".");
            return;
        }
        if (ex.virtualKey.isPresent() && admit(ex.virtualKey.get(), summary.model(), target.get())
                instanceof Admission.Denied denied) {
            ex.fail(denied.status(), denied.message(), denied.retryAfter());
            return;
        }
        ClientRequest request = new ClientRequest(ex.requestId, operation, ex.exchange.getQueryString(),
                ex.headers(), body, summary.model(), summary.stream() && operation.streams(),
                ((AccessGuard.Allowed) decision).credential());
        RoutedCall call = new RoutedCall(request, target.get(), Optional.empty(), new RequestTrace(ex.startNanos));
        UpstreamResponse response = ex.routing.pipeline().execute(call);
        ex.respond(response, call.trace());
    }

    /** Token counting is free: it is not counted against a key's rate limits, only its model and budget checked. */
    private Admission admit(VirtualKey key, String model, GroupMatch target) {
        var keys = gateway.keys().orElseThrow();
        String group = target.group().name();
        return operation == Operation.COUNT_TOKENS ? keys.check(key, model, group) : keys.admit(key, model, group);
    }

    /** One request's exchange and what is known about it so far. */
    private final class Exchange {
        final HttpServerExchange exchange;
        final String requestId;
        final Instant arrived;
        final long startNanos;
        /** Read once on arrival: a reload does not change the setup of a request in flight. */
        final Routing routing = gateway.routing();
        String requestedModel = "";
        Optional<String> caller = Optional.empty();
        Optional<VirtualKey> virtualKey = Optional.empty();
        /** For a stream, the time from its first to its last byte, which the upstream spent too. */
        long streamedNanos;
        /** The model group whose cached answer was served, if the answer came from the response cache. */
        String cacheHitGroup;
        boolean published;

        Exchange(HttpServerExchange exchange, String requestId, Instant arrived, long startNanos) {
            this.exchange = exchange;
            this.requestId = requestId;
            this.arrived = arrived;
            this.startNanos = startNanos;
        }

        AccessGuard.Presented presented() {
            return AccessGuard.Presented.from(exchange.getRequestHeaders());
        }

        RequestHeaders headers() {
            RequestHeaders.Builder headers = RequestHeaders.builder();
            for (HeaderValues values : exchange.getRequestHeaders()) {
                String name = values.getHeaderName().toString();
                for (String value : values) {
                    headers.add(name, value);
                }
            }
            return headers.build();
        }

        /** The body, or null after answering 413 / 400. */
        byte[] readBody() {
            long declared = exchange.getRequestContentLength();
            try (InputStream in = exchange.getInputStream()) {
                if (declared > MAX_BODY_BYTES) {
                    if (declared <= MAX_DISCARDED_BYTES) {
                        discardUnread(in);
                    }
                    tooLarge();
                    return null;
                }
                if (declared >= 0) {
                    byte[] body = in.readNBytes((int) declared);
                    if (body.length != declared) {
                        fail(400, "The request body ended before its Content-Length.");
                        return null;
                    }
                    return body;
                }
                byte[] body = in.readNBytes(MAX_BODY_BYTES + 1); // chunked: no length declared
                if (body.length > MAX_BODY_BYTES) {
                    discardUnread(in);
                    tooLarge();
                    return null;
                }
                return body;
            } catch (IOException e) {
                fail(400, "The request body could not be read completely.");
                return null;
            }
        }

        /**
         * Reads what the client is still sending before the 413 goes out: a client refused mid-upload would see a
         * broken pipe instead of the answer. Past {@link #MAX_DISCARDED_BYTES} the connection is simply closed.
         */
        private void discardUnread(InputStream in) {
            byte[] sink = new byte[64 * 1024];
            try {
                while (in.read(sink) > 0) {
                    // dropped
                }
            } catch (IOException beyondTheEntityLimit) {
                // Undertow stops reading at MAX_DISCARDED_BYTES; the 413 still goes out, the connection closes
            }
        }

        private void tooLarge() {
            fail(413, "Request exceeds the maximum allowed size of 32 MB.");
        }

        /** An error the gateway answers itself, in the client's format. */
        void fail(int status, String message) {
            fail(status, message, Optional.empty());
        }

        void fail(int status, String message, Optional<Duration> retryAfter) {
            if (!exchange.isResponseStarted()) {
                exchange.setStatusCode(status);
                retryAfter.ifPresent(wait -> exchange.getResponseHeaders().put(Headers.RETRY_AFTER,
                        Math.max(1, (wait.toMillis() + 999) / 1000)));
                exchange.getResponseHeaders().put(REQUEST_ID, requestId);
                exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
                writeComplete(format.errorBody(status, message, null, requestId));
            }
            publish(status, false, Optional.empty(), RequestEvent.Usage.NONE, null,
                    Optional.of(format.errorType(status)));
        }

        void respond(UpstreamResponse answer, RequestTrace trace) throws InterruptedException {
            UpstreamResponse response = answer.header(AnthropicErrors.GATEWAY_MADE_HEADER).isPresent()
                    ? format.fromGateway(answer) : answer;
            if (answer.header(CacheInterceptor.CACHE_HEADER).filter("hit"::equals).isPresent()) {
                cacheHitGroup = answer.header("x-litellm-model-group").orElse("");
            }
            exchange.setStatusCode(response.status());
            HeaderMap out = exchange.getResponseHeaders();
            response.headers().forEach((name, values) -> {
                if (!name.startsWith("x-spillway-internal")) {
                    out.putAll(HeaderNames.of(name), values);
                }
            });
            if (!out.contains(REQUEST_ID)) {
                out.put(REQUEST_ID, requestId);
            }
            GatewayHeaders.add(out, trace, startNanos);
            virtualKey.ifPresent(key -> KeyHeaders.add(out, key, gateway.keys().orElseThrow()));
            UsageTap tap = new UsageTap();
            Optional<String> error = response.isSuccess() ? Optional.empty()
                    : Optional.of(format.errorType(response.status()));
            if (!response.isStreaming()) {
                if (response.isSuccess()) {
                    tap.onMessageBody(response.body());
                    addCost(out, trace, tap.usage());
                }
                writeComplete(response.body());
                publish(response.status(), false, Optional.empty(), tap.usage(), trace, error);
                return;
            }
            long firstByte = System.nanoTime();
            StreamRelay.Outcome outcome;
            try {
                OutputStream body = exchange.getOutputStream();
                firstByte = System.nanoTime();
                outcome = gateway.relay().relay(response, body, tap, format);
                streamedNanos = System.nanoTime() - firstByte;
                body.close();
            } catch (IOException e) {
                streamedNanos = System.nanoTime() - firstByte;
                response.stream().cancel();
                publish(499, true, Optional.empty(), tap.usage(), trace, Optional.of("client_closed_request"));
                return;
            } finally {
                if (response.isSuccess() && trace.served() != null) {
                    routing.balancer().inFlight().finished(trace.served().deployment().id());
                }
            }
            int status = outcome.clientGone() ? 499 : response.status();
            publish(status, true, Optional.of(Duration.ofNanos(firstByte - startNanos)), tap.usage(), trace,
                    outcome.errorType());
        }

        /** {@code x-litellm-response-cost}: what this answer cost in USD, when its price is known. */
        private void addCost(HeaderMap out, RequestTrace trace, RequestEvent.Usage usage) {
            RequestTrace.Served served = trace.served();
            if (served == null) {
                return;
            }
            var cost = routing.costs().cost(served.deployment().id(), served.deployment().provider().name(),
                    served.upstreamModel(), usage);
            if (cost.known()) {
                out.put(RESPONSE_COST, java.math.BigDecimal.valueOf(cost.usd()).stripTrailingZeros().toPlainString());
            }
        }

        private void writeComplete(byte[] body) {
            exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
            try (OutputStream out = exchange.getOutputStream()) {
                out.write(body);
            } catch (IOException e) {
                log.debug("Client of {} went away before the answer was written", requestId);
            }
        }

        void publish(int status, boolean stream, Optional<Duration> ttfb, RequestEvent.Usage usage,
                RequestTrace trace, Optional<String> error) {
            if (published) {
                return;
            }
            published = true;
            RequestTrace.Served served = trace == null ? null : trace.served();
            if (served != null && usage.totalTokens() > 0) {
                routing.balancer().recordTokens(served.deployment().id(), usage.totalTokens());
            }
            Optional<RequestTrace.Served> s = Optional.ofNullable(served);
            int fallbacks = trace == null ? 0 : trace.fallbacks();
            boolean fallbackTaken = s.isPresent() && trace.attempts().size() > 0
                    && !s.get().group().equals(trace.attempts().get(0).modelGroup())
                    && status < 400;
            if (cacheHitGroup != null) {
                gateway.events().publish(new RequestEvent(requestId, arrived, requestedModel,
                        Optional.of(cacheHitGroup), Optional.empty(), Optional.of(CacheInterceptor.CACHE_PROVIDER),
                        Optional.empty(), status, stream, Duration.ofNanos(System.nanoTime() - startNanos), ttfb,
                        RequestEvent.Usage.NONE, false, 0, 0, error, true, caller, Optional.empty()));
                return;
            }
            Optional<Duration> upstream = s.map(x -> Duration.ofNanos(trace.upstreamNanos() + streamedNanos));
            gateway.events().publish(new RequestEvent(requestId, arrived, requestedModel,
                    s.map(RequestTrace.Served::group), s.map(x -> x.deployment().id()),
                    s.map(x -> x.deployment().provider().name()), s.map(RequestTrace.Served::upstreamModel),
                    status, stream, Duration.ofNanos(System.nanoTime() - startNanos), ttfb, usage, fallbackTaken,
                    fallbacks, trace == null ? 0 : trace.retries(), error, false, caller, upstream));
        }
    }
}
