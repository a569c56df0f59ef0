package dev.spillway.engine;

import dev.spillway.engine.events.RequestEvent;
import java.math.BigDecimal;

/** Told about each finished request with its cost, on the event thread; must return quickly. */
@FunctionalInterface
public interface PricedRequestListener {

    void finished(RequestEvent event, BigDecimal costUsd);
}
