package dev.spillway.engine.server;

import dev.spillway.engine.events.RequestEvents;
import dev.spillway.engine.keys.KeyRegistry;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the HTTP handlers share: the current {@link Routing} (swapped on a reload), access rules, the relay and the
 * event stream, and the virtual keys (which outlive reloads: they hold running spend and rate counters).
 */
final class GatewayContext {

    private final AtomicReference<Routing> routing;
    private final AccessGuard access;
    private final StreamRelay relay;
    private final RequestEvents events;
    private final Optional<KeyRegistry> keys;

    GatewayContext(Routing routing, AccessGuard access, StreamRelay relay, RequestEvents events,
            Optional<KeyRegistry> keys) {
        this.keys = keys;
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

    Optional<KeyRegistry> keys() {
        return keys;
    }
}
