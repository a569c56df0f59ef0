package dev.spillway.simulators;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Scripted replies served in order, then a default reply forever. Thread-safe. */
final class ReplyQueue<R> {

    private final Queue<R> scripted = new ConcurrentLinkedQueue<>();
    private volatile R defaultReply;

    ReplyQueue(R defaultReply) {
        this.defaultReply = Objects.requireNonNull(defaultReply);
    }

    void enqueue(R reply) {
        scripted.add(Objects.requireNonNull(reply));
    }

    void setDefault(R reply) {
        defaultReply = Objects.requireNonNull(reply);
    }

    /** The next scripted reply, or the default one when the script has run out. */
    R next() {
        R reply = scripted.poll();
        return reply != null ? reply : defaultReply;
    }
}
