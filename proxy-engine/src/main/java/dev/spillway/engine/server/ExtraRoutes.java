package dev.spillway.engine.server;

/** Routes a component adds to the server, such as the dashboard. */
public interface ExtraRoutes {

    ExtraRoutes NONE = routes -> { };

    void register(RouteRegistry routes);

    /**
     * Called when the server has stopped taking requests: ends long-lived answers (event streams) so that the
     * graceful stop need not wait for them.
     */
    default void stopping() {
    }
}
