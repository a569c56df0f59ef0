package dev.spillway.simulators;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP plumbing shared by the simulators: an Undertow HTTP/1.1 server on 127.0.0.1 with an ephemeral port that
 * reads each request body in full and then answers it on a thread of its own, in blocking mode. A slow or parked
 * reply therefore never holds up another request.
 */
final class SimulatorServer implements AutoCloseable {

    /** Answers one request. Runs on a simulator thread; the exchange is in blocking mode. */
    @FunctionalInterface
    interface RequestHandler {
        void handle(HttpServerExchange exchange, byte[] body) throws Exception;
    }

    /** Room for the largest bodies the real APIs take (Anthropic: 32 MB, Bedrock: 25 MB), with margin. */
    private static final long MAX_BODY_BYTES = 64L * 1024 * 1024;

    private static final AttachmentKey<Boolean> PARKED = AttachmentKey.create(Boolean.class);
    private static final AttachmentKey<Long> ARRIVAL = AttachmentKey.create(Long.class);

    private final RequestHandler handler;
    private final ExecutorService replyThreads;
    private final Set<HttpServerExchange> parked = ConcurrentHashMap.newKeySet();
    private final AtomicLong arrivals = new AtomicLong();
    private volatile long releasedThroughArrival;
    private final Undertow undertow;
    private final URI baseUrl;
    private int finishedReplies; // guarded by this
    private volatile boolean closed;

    private SimulatorServer(String name, RequestHandler handler) {
        this.handler = handler;
        this.replyThreads = Executors.newCachedThreadPool(daemonThreads(name));
        this.undertow = Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setIoThreads(1)
                .setWorkerThreads(1)
                .setServerOption(UndertowOptions.ENABLE_HTTP2, false)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, MAX_BODY_BYTES)
                .setHandler(this::receive)
                .build();
        undertow.start();
        int port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
        this.baseUrl = URI.create("http://127.0.0.1:" + port);
    }

    /** Starts a server whose reply threads are named after {@code name}. */
    static SimulatorServer start(String name, RequestHandler handler) {
        return new SimulatorServer(name, handler);
    }

    URI baseUrl() {
        return baseUrl;
    }

    /**
     * Leaves {@code exchange} unanswered until {@link #releaseParked()} or {@link #close()} cuts its connection. An
     * exchange that arrived before an earlier release is cut at once: the release applies to every request that had
     * already arrived, whether or not its handler had got round to parking it.
     */
    void park(HttpServerExchange exchange) {
        exchange.putAttachment(PARKED, Boolean.TRUE);
        parked.add(exchange);
        if (closed || exchange.getAttachment(ARRIVAL) <= releasedThroughArrival) {
            parked.remove(exchange);
            Responses.abort(exchange);
        }
    }

    /** Closes the connections of all parked exchanges, and of any that arrived already but are not parked yet. */
    void releaseParked() {
        releasedThroughArrival = arrivals.get();
        for (HttpServerExchange exchange : parked) {
            parked.remove(exchange);
            Responses.abort(exchange);
        }
    }

    /** Replies whose delivery has ended (completely, or by a scripted disconnect); parked ones never count. */
    synchronized int finishedReplyCount() {
        return finishedReplies;
    }

    /** Waits until at least {@code count} replies have finished; {@code false} if the timeout passed first. */
    synchronized boolean awaitFinishedReplies(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (finishedReplies < count) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, remaining);
        }
        return true;
    }

    @Override
    public void close() {
        closed = true;
        replyThreads.shutdownNow();
        releaseParked();
        undertow.stop();
    }

    private void receive(HttpServerExchange exchange) {
        exchange.getRequestReceiver().receiveFullBytes(
                (ex, body) -> ex.dispatch(replyThreads, () -> reply(ex, body)),
                (ex, error) -> Responses.abort(ex));
    }

    private void reply(HttpServerExchange exchange, byte[] body) {
        exchange.putAttachment(ARRIVAL, arrivals.incrementAndGet());
        exchange.startBlocking();
        try {
            handler.handle(exchange, body);
        } catch (InterruptedException e) {
            Responses.abort(exchange);
            Thread.currentThread().interrupt();
        } catch (Exception | AssertionError e) {
            Responses.failInternally(exchange, e);
        } finally {
            if (exchange.getAttachment(PARKED) == null) {
                if (exchange.getConnection().isOpen() && !exchange.isComplete()) {
                    exchange.endExchange();
                }
                replyFinished();
            }
        }
    }

    private synchronized void replyFinished() {
        finishedReplies++;
        notifyAll();
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-reply-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
