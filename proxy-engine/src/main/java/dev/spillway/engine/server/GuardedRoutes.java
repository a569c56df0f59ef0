package dev.spillway.engine.server;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;

/** {@link RouteRegistry} over the server's routing table and {@link AccessGuard}. */
final class GuardedRoutes implements RouteRegistry {

    private final RoutingHandler routes;
    private final AccessGuard access;

    GuardedRoutes(RoutingHandler routes, AccessGuard access) {
        this.routes = routes;
        this.access = access;
    }

    @Override
    public RouteRegistry page(String path, HttpHandler handler) {
        routes.add(Methods.GET, path, sameOrigin(exchange -> {
            AccessGuard.Decision decision = access.check(AccessGuard.Presented.from(exchange.getRequestHeaders()));
            // Only Host and Origin refusals (403) apply to a page: a missing key (401) is the page's to ask for.
            if (decision instanceof AccessGuard.Refused refused && refused.status() == 403) {
                Responses.error(exchange, 403, refused.errorType(), refused.message(), RequestIds.next());
            } else {
                handler.handleRequest(exchange);
            }
        }));
        return this;
    }

    @Override
    public RouteRegistry admin(HttpString method, String path, HttpHandler handler) {
        routes.add(method, path, sameOrigin(access.protectAdmin(handler)));
        return this;
    }

    /**
     * A browser sends {@code Origin} with a page's own POSTs (and some GETs). When it names this very server, as
     * reached through the {@code Host} the guard then checks, the request comes from a page this server served, so
     * the header is dropped before the guard's foreign-origin check.
     */
    private static HttpHandler sameOrigin(HttpHandler next) {
        return exchange -> {
            String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
            if (origin != null && isOwnOrigin(exchange, origin)) {
                exchange.getRequestHeaders().remove(Headers.ORIGIN);
            }
            next.handleRequest(exchange);
        };
    }

    private static boolean isOwnOrigin(HttpServerExchange exchange, String origin) {
        String host = exchange.getRequestHeaders().getFirst(Headers.HOST);
        return host != null && origin.equalsIgnoreCase(exchange.getRequestScheme() + "://" + host.trim());
    }
}
