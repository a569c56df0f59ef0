package dev.spillway.engine.server;

import io.undertow.server.HttpHandler;
import io.undertow.util.HttpString;

/**
 * Where a component mounts its own routes on the server (the dashboard does), each under one of the server's access
 * rules. Requests from a page this server served itself (an {@code Origin} equal to its own address) count as
 * same-origin, not as a foreign web page.
 */
public interface RouteRegistry {

    /**
     * A page or asset: served without a key (it holds no data and asks for the key itself), but only when the
     * {@code Host} is one of this server's own names, which defeats DNS rebinding.
     */
    RouteRegistry page(String path, HttpHandler handler);

    /** Data and actions: with a master key set, only the master key opens them (as {@code /spend/logs}). */
    RouteRegistry admin(HttpString method, String path, HttpHandler handler);
}
