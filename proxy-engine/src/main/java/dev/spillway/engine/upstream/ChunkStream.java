package dev.spillway.engine.upstream;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A hand-off of response bytes from the thread that receives them from an upstream to the thread that relays them to
 * the client. Producers {@link #push}, {@link #complete} or {@link #fail}; one consumer {@link #poll}s with a timeout,
 * so it can send keep-alive pings or notice a stalled upstream while it waits.
 *
 * <p>It also subscribes to a {@link Flow.Publisher} of byte buffers (the JDK HTTP client's streaming body), asking
 * for one more item each time the consumer takes one, so a slow client slows the upstream instead of filling memory.
 */
public final class ChunkStream implements ChunkSource, Flow.Subscriber<List<ByteBuffer>> {

    private static final End END = new End();

    private final LinkedBlockingQueue<Signal> queue = new LinkedBlockingQueue<>();
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile Flow.Subscription subscription;
    private volatile Runnable onCancel = () -> { };

    public void push(byte[] bytes) {
        if (!finished.get() && bytes.length > 0) {
            queue.add(new Data(bytes));
        }
    }

    public void complete() {
        if (finished.compareAndSet(false, true)) {
            queue.add(END);
        }
    }

    public void fail(Throwable cause) {
        if (finished.compareAndSet(false, true)) {
            queue.add(new Failure(cause));
        }
    }

    /**
     * Waits up to {@code timeout} for the next signal.
     *
     * @return the signal, or {@code null} if nothing arrived in time
     */
    @Override
    public Signal poll(long timeout, TimeUnit unit) throws InterruptedException {
        Signal signal = queue.poll(timeout, unit);
        if (signal instanceof Data) {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.request(1);
            }
        }
        return signal;
    }

    @Override
    public void cancel() {
        finished.set(true);
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        onCancel.run();
    }

    /** Registers what {@link #cancel} must also stop (an SDK stream, a socket). */
    public void onCancel(Runnable action) {
        this.onCancel = action;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        this.subscription = s;
        if (finished.get()) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        int size = 0;
        for (ByteBuffer b : buffers) {
            size += b.remaining();
        }
        if (size == 0) {
            subscription.request(1);
            return;
        }
        byte[] bytes = new byte[size];
        int offset = 0;
        for (ByteBuffer b : buffers) {
            int n = b.remaining();
            b.get(bytes, offset, n);
            offset += n;
        }
        push(bytes);
    }

    @Override
    public void onError(Throwable t) {
        fail(t);
    }

    @Override
    public void onComplete() {
        complete();
    }
}
