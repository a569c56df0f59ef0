package dev.spillway.engine.server;

import dev.spillway.engine.events.RequestEvents;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the HTTP handlers share: the current {@link Routing} (swapped on a reload), access rules, the relay and the
 * event stream.
 */
final class GatewayContext {

    private final AtomicReference<Routing> routing;
    private final AccessGuard access;
    private final StreamRelay relay;
    private final RequestEvents events;

    GatewayContext(Routing routing, AccessGuard access, StreamRelay relay, RequestEvents events) {
        this.routing = new AtomicReference<>(routing);
        this.access = access;
        this.relay = relay;
        this.events = events;
    }

    /** The routing new requests use; read it once per request. */
    Routing routing() {
        return routing.get();
    }

    void swap(Routing next) {
        routing.set(next);
    }

    AccessGuard access() {
        return access;
    }

    StreamRelay relay() {
        return relay;
    }

    RequestEvents events() {
        return events;
    }
}
