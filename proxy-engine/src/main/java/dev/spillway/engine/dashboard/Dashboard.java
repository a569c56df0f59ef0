package dev.spillway.engine.dashboard;

import dev.spillway.engine.DeploymentChange;
import dev.spillway.engine.GatewayStatus;
import dev.spillway.engine.PricedRequestListener;
import dev.spillway.engine.RoutingChange;
import dev.spillway.engine.SpendHistory;
import dev.spillway.engine.events.RequestEvent;
import dev.spillway.engine.server.ExtraRoutes;
import dev.spillway.engine.server.RouteRegistry;
import dev.spillway.engine.spend.Totals;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.Methods;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The dashboard at {@code /ui}: one page (HTML, CSS and plain JavaScript from the classpath) and the JSON and
 * server-sent-event routes it reads, served by the engine itself so that the desktop app's WebView and a browser
 * show the same thing. The data routes need the master key when one is set; the page asks for it.
 *
 * <p>It learns about finished requests, routing changes and cooldowns from the engine's event threads and only
 * queues what it sends, so no proxied request ever waits for a dashboard.
 */
public final class Dashboard implements ExtraRoutes, PricedRequestListener {

    private final RecentRequests recent = new RecentRequests();
    private final LiveFeed feed;
    private final DashboardApi api;

    /**
     * @param status the engine's status, read on each summary
     * @param today today's totals, from memory
     * @param spend the spend history, when the engine keeps one
     * @param heartbeat how often a silent event stream carries a comment line
     */
    public Dashboard(Supplier<GatewayStatus> status, Supplier<Totals> today, Optional<SpendHistory> spend,
            Duration heartbeat, String version) {
        this(status, today, spend, heartbeat, version, LiveFeed.DEFAULT_MAX_PENDING);
    }

    Dashboard(Supplier<GatewayStatus> status, Supplier<Totals> today, Optional<SpendHistory> spend,
            Duration heartbeat, String version, int maxPendingEvents) {
        this.feed = new LiveFeed(heartbeat, maxPendingEvents);
        this.api = new DashboardApi(status, today, spend, recent, feed, version);
    }

    @Override
    public void register(RouteRegistry routes) {
        routes.page("/ui", StaticAssets.file("index.html", "text/html; charset=utf-8"))
                .page("/ui/", StaticAssets.file("index.html", "text/html; charset=utf-8"))
                .page("/ui/app.js", StaticAssets.file("app.js", "text/javascript; charset=utf-8"))
                .page("/ui/app.css", StaticAssets.file("app.css", "text/css; charset=utf-8"))
                .admin(Methods.GET, "/ui/api/summary", new BlockingHandler(api::summary))
                .admin(Methods.GET, "/ui/api/spend", new BlockingHandler(api::spend))
                .admin(Methods.GET, "/ui/api/requests", new BlockingHandler(api::requests))
                .admin(Methods.POST, "/ui/api/reset", new BlockingHandler(api::reset))
                .admin(Methods.GET, "/ui/api/events", feed.handler());
    }

    @Override
    public void stopping() {
        feed.stop();
    }

    @Override
    public void finished(RequestEvent event, BigDecimal costUsd) {
        var row = DashboardJson.request(event, costUsd);
        recent.add(row);
        if (feed.subscribers() > 0) {
            feed.publish("request", row.toString());
        }
    }

    /** Tells open pages that a group failed over or recovered. */
    public void routingChanged(RoutingChange change) {
        feed.publish("routing", DashboardJson.routingChange(change).toString());
    }

    /** Tells open pages that a deployment started or ended a cooldown. */
    public void deploymentChanged(DeploymentChange change) {
        feed.publish("deployment", DashboardJson.deploymentChange(change).toString());
    }

    /** Clears the recent requests and tells open pages to reload, after the statistics were reset. */
    public void statisticsReset() {
        recent.clear();
        feed.publish("reset", "{}");
    }

    /** Events dropped for subscribers that fell behind. */
    public long droppedEvents() {
        return feed.dropped();
    }
}
