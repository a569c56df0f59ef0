package dev.spillway.simulators;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * What every simulator offers a test: where it listens, scripted replies served in order (then a default reply), the
 * requests it received, and control over replies still in progress. Subclasses add their own API.
 *
 * @param <R> the simulator's reply type
 */
public abstract class RecordingSimulator<R> implements AutoCloseable {

    private static final Duration TAKE_TIMEOUT = Duration.ofSeconds(10);

    final RequestJournal journal = new RequestJournal();
    final ReplyQueue<R> replies;
    final SimulatorServer server;
    private final String name;

    RecordingSimulator(String name, R defaultReply) {
        this.name = name;
        this.replies = new ReplyQueue<>(defaultReply);
        // No request can arrive before construction ends: nobody knows the port yet.
        this.server = SimulatorServer.start(name, this::handle);
    }

    /** Answers one request, whose body has been read. */
    abstract void handle(HttpServerExchange exchange, byte[] body) throws IOException, InterruptedException;

    /** Where the simulator listens, e.g. {@code http://127.0.0.1:41234}, without a trailing slash. */
    public URI baseUrl() {
        return server.baseUrl();
    }

    /** Queues {@code reply} for the next request that takes a reply and has no earlier reply queued. */
    public void enqueue(R reply) {
        replies.enqueue(reply);
    }

    /** Sets the reply used whenever the queue is empty. */
    public void setDefaultReply(R reply) {
        replies.setDefault(reply);
    }

    /**
     * The oldest request not yet taken, waiting up to ten seconds for one.
     *
     * @throws IllegalStateException if no request arrives in time
     */
    public RecordedRequest takeRequest() {
        RecordedRequest request = journal.take(TAKE_TIMEOUT);
        if (request == null) {
            throw new IllegalStateException("no request reached the " + name + " within " + TAKE_TIMEOUT);
        }
        return request;
    }

    /** The oldest request not yet taken, waiting up to {@code timeout}; {@code null} if none arrives in time. */
    public RecordedRequest takeRequest(Duration timeout) {
        return journal.take(timeout);
    }

    /** How many requests have arrived so far, on any route. */
    public int requestCount() {
        return journal.count();
    }

    /** How many replies have been delivered completely, or up to a scripted disconnect. Hanging ones never count. */
    public int finishedReplyCount() {
        return server.finishedReplyCount();
    }

    /** Waits until {@link #finishedReplyCount()} reaches {@code count}; {@code false} if {@code timeout} passed. */
    public boolean awaitFinishedReplies(int count, Duration timeout) throws InterruptedException {
        return server.awaitFinishedReplies(count, timeout);
    }

    /** Closes the connections of all requests held by a {@code hang()} reply. */
    public void releaseHangs() {
        server.releaseParked();
    }

    /** Stops the server, cutting any streams in progress and any hanging requests. */
    @Override
    public void close() {
        server.close();
    }
}
