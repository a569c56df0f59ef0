package dev.spillway.engine.server;

import dev.spillway.engine.events.RequestEvents;
import dev.spillway.engine.keys.KeyRegistry;
import dev.spillway.engine.metrics.GatewayMetrics;
import dev.spillway.engine.spend.SpendStore;
import java.util.Optional;
import dev.spillway.engine.request.Operation;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.util.Methods;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP front: Undertow on one address, the Anthropic routes, and a graceful stop. */
public final class GatewayServer {

    private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);
    private static final int WORKER_THREADS = 128;

    private final Undertow undertow;
    private final GracefulShutdownHandler graceful;
    private final AtomicBoolean cutStreams;

    private final StreamRelay relay;
    private final GatewayContext gateway;
    private final ExtraRoutes extraRoutes;

    private GatewayServer(Undertow undertow, GracefulShutdownHandler graceful, AtomicBoolean cutStreams,
            StreamRelay relay, GatewayContext gateway, ExtraRoutes extraRoutes) {
        this.undertow = undertow;
        this.graceful = graceful;
        this.cutStreams = cutStreams;
        this.relay = relay;
        this.gateway = gateway;
        this.extraRoutes = extraRoutes;
    }

    /**
     * Builds the handlers and starts listening.
     *
     * @param keys the virtual keys, when the engine keeps them
     * @param extraRoutes more routes to serve (the dashboard), under the same access rules
     */
    public static GatewayServer start(ServerSettings settings, Routing routing, RequestEvents events,
            GatewayMetrics metrics, Optional<SpendStore> spend, Optional<KeyRegistry> keys, ExtraRoutes extraRoutes) {
        AtomicBoolean cutStreams = new AtomicBoolean();
        AccessGuard access = new AccessGuard(settings.masterKey(), settings.allowClientCredentials(),
                settings.allowedOrigins(), allowedHosts(settings.host()), keys);
        StreamRelay relay = new StreamRelay(settings.keepAlive(), settings.streamIdleTimeout(), cutStreams::get);
        GatewayContext gateway = new GatewayContext(routing, access, relay, events, keys);
        RoutingHandler routes = routes(gateway, settings.version(), metrics, spend);
        extraRoutes.register(new GuardedRoutes(routes, access));
        GracefulShutdownHandler graceful = Handlers.gracefulShutdown(routes);
        Undertow undertow = Undertow.builder()
                .addHttpListener(settings.port(), settings.host())
                .setWorkerThreads(WORKER_THREADS)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, ProxyHandler.MAX_DISCARDED_BYTES)
                .setServerOption(UndertowOptions.ALWAYS_SET_KEEP_ALIVE, true)
                .setHandler(graceful)
                .build();
        undertow.start();
        return new GatewayServer(undertow, graceful, cutStreams, relay, gateway, extraRoutes);
    }

    /** Routes new requests with {@code next}; requests in flight finish with the routing they started with. */
    public void swap(Routing next) {
        gateway.swap(next);
    }

    /** On loopback, only loopback names may appear in {@code Host}: this defeats DNS rebinding. */
    private static Set<String> allowedHosts(String host) {
        if (!isLoopback(host)) {
            return Set.of();
        }
        Set<String> names = new HashSet<>(List.of("127.0.0.1", "localhost", "[::1]"));
        names.add(host.toLowerCase(Locale.ROOT));
        return Set.copyOf(names);
    }

    public static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static RoutingHandler routes(GatewayContext gateway, String version, GatewayMetrics metrics,
            Optional<SpendStore> spend) {
        AccessGuard access = gateway.access();
        KeyAdminHandlers keyAdmin = new KeyAdminHandlers(gateway.keys());
        HttpHandler notFound = exchange -> Responses.error(exchange, 404, "not_found_error",
                "No route for " + exchange.getRequestMethod() + " " + exchange.getRequestPath() + ".",
                RequestIds.next());
        return Handlers.routing()
                .post("/v1/messages", new ProxyHandler(Operation.MESSAGES, gateway))
                .post("/v1/messages/count_tokens", new ProxyHandler(Operation.COUNT_TOKENS, gateway))
                .post("/v1/chat/completions", new ProxyHandler(Operation.CHAT_COMPLETIONS, gateway))
                .post("/chat/completions", new ProxyHandler(Operation.CHAT_COMPLETIONS, gateway))
                .post("/v1/completions", new ProxyHandler(Operation.COMPLETIONS, gateway))
                .post("/completions", new ProxyHandler(Operation.COMPLETIONS, gateway))
                .get("/v1/models", access.protect(new ModelsHandler(gateway)))
                .get("/models", access.protect(new ModelsHandler(gateway)))
                .add(Methods.HEAD, "/api/hello", exchange -> exchange.setStatusCode(200))
                .get("/api/hello", exchange -> exchange.setStatusCode(200))
                .get("/health", access.protect(HealthHandlers.health(gateway)))
                .get("/health/liveliness", HealthHandlers.liveliness())
                .get("/health/liveness", HealthHandlers.liveliness())
                .get("/health/readiness", HealthHandlers.readiness(version))
                .get("/spend/logs", access.protectAdmin(new SpendLogsHandler(spend, gateway.keys())))
                .get("/global/spend/report", access.protectAdmin(SpendReportHandler.create(spend, gateway.keys())))
                .post("/key/generate", access.protectAdmin(keyAdmin.generate()))
                .get("/key/info", access.protectAdmin(keyAdmin.info()))
                .post("/key/update", access.protectAdmin(keyAdmin.update()))
                .post("/key/block", access.protectAdmin(keyAdmin.block(true)))
                .post("/key/unblock", access.protectAdmin(keyAdmin.block(false)))
                .post("/key/delete", access.protectAdmin(keyAdmin.delete()))
                .get("/key/list", access.protectAdmin(keyAdmin.list()))
                .post("/user/new", access.protectAdmin(keyAdmin.newUser()))
                .get("/user/info", access.protectAdmin(keyAdmin.userInfo()))
                .get("/metrics", exchange -> {
                    exchange.getResponseHeaders().put(io.undertow.util.Headers.CONTENT_TYPE, metrics.contentType());
                    exchange.getResponseSender().send(metrics.scrape());
                })
                .setFallbackHandler(notFound)
                .setInvalidMethodHandler(exchange -> Responses.error(exchange, 405, "invalid_request_error",
                        "Method " + exchange.getRequestMethod() + " is not allowed on " + exchange.getRequestPath()
                                + ".", RequestIds.next()));
    }

    public int port() {
        return ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    /**
     * Stops accepting requests, lets in-flight ones finish for up to {@code grace}, then ends the streams still
     * running with an error event and closes the listener.
     */
    public void stop(Duration grace) throws InterruptedException {
        graceful.shutdown();
        extraRoutes.stopping();
        if (!graceful.awaitShutdown(grace.toMillis())) {
            log.info("Ending streams still running after {} s", grace.toSeconds());
            cutStreams.set(true);
            relay.cancelAll();
            graceful.awaitShutdown(2_000);
        }
        undertow.stop();
    }
}
