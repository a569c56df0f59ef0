package dev.spillway.engine.dashboard;

import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.sse.ServerSentEventConnection;
import io.undertow.server.handlers.sse.ServerSentEventConnectionCallback;
import io.undertow.server.handlers.sse.ServerSentEventHandler;
import io.undertow.util.Headers;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.xnio.IoUtils;

/**
 * {@code GET /ui/api/events}: server-sent events to every open dashboard, written by Undertow without blocking any
 * thread. A subscriber that does not read as fast as events come (a hidden tab, a stalled network) gets at most
 * {@code maxPending} events queued; further ones are dropped for it alone and counted, and once it catches up it
 * gets a {@code resync} event telling it to reload. (At most {@value #MAX_PENDING_CHARS} characters are queued too, so a
 * stalled page cannot make the gateway hold much memory.) Silent periods carry a comment line as a heartbeat.
 */
final class LiveFeed implements ServerSentEventConnectionCallback {

    static final int DEFAULT_MAX_PENDING = 256;
    static final int MAX_PENDING_CHARS = 1 << 20;
    private static final int MAX_SUBSCRIBERS = 64;

    private final ServerSentEventHandler sse = new ServerSentEventHandler(this);
    private final Map<ServerSentEventConnection, Subscriber> subscribers = new ConcurrentHashMap<>();
    private final long heartbeatMillis;
    private final int maxPending;
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean stopped;

    LiveFeed(Duration heartbeat, int maxPending) {
        this.heartbeatMillis = Math.max(1, heartbeat.toMillis());
        this.maxPending = maxPending;
    }

    HttpHandler handler() {
        return exchange -> {
            if (stopped || subscribers.size() >= MAX_SUBSCRIBERS) {
                Replies.error(exchange, 503, "overloaded_error", stopped ? "Spillway is stopping."
                        : "Too many open dashboards (" + MAX_SUBSCRIBERS + "); close some and reload.");
                return;
            }
            exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
            sse.handleRequest(exchange);
        };
    }

    @Override
    public void connected(ServerSentEventConnection connection, String lastEventId) {
        Subscriber subscriber = new Subscriber(connection);
        subscribers.put(connection, subscriber);
        connection.addCloseTask(closed -> subscribers.remove(closed));
        connection.setKeepAliveTime(heartbeatMillis);
        subscriber.offer("hello", "{}");
        if (stopped) {
            IoUtils.safeClose(connection);
        }
    }

    /** Sends one event to every subscriber; never waits. {@code json} must be one line. */
    void publish(String type, String json) {
        for (Subscriber subscriber : subscribers.values()) {
            subscriber.offer(type, json);
        }
    }

    int subscribers() {
        return subscribers.size();
    }

    /** Events not sent to some subscriber because it was too far behind. */
    long dropped() {
        return dropped.get();
    }

    /** Ends every stream, so that a graceful stop need not wait for open dashboards. */
    void stop() {
        stopped = true;
        subscribers.keySet().forEach(IoUtils::safeClose);
    }

    private final class Subscriber implements ServerSentEventConnection.EventCallback {
        private final ServerSentEventConnection connection;
        private final AtomicInteger pending = new AtomicInteger();
        private final AtomicLong pendingChars = new AtomicLong();
        private final AtomicBoolean missed = new AtomicBoolean();

        Subscriber(ServerSentEventConnection connection) {
            this.connection = connection;
        }

        void offer(String type, String json) {
            if (pending.get() >= maxPending || pendingChars.get() >= MAX_PENDING_CHARS) {
                dropped.incrementAndGet();
                missed.set(true);
                return;
            }
            if (missed.getAndSet(false)) {
                send("resync", "{}");
            }
            send(type, json);
        }

        private void send(String type, String json) {
            pending.incrementAndGet();
            pendingChars.addAndGet(json.length());
            connection.send(json, type, null, this);
        }

        @Override
        public void done(ServerSentEventConnection c, String data, String event, String id) {
            sent(data);
        }

        @Override
        public void failed(ServerSentEventConnection c, String data, String event, String id, IOException e) {
            sent(data);
        }

        private void sent(String data) {
            pending.decrementAndGet();
            pendingChars.addAndGet(-data.length());
        }
    }
}
