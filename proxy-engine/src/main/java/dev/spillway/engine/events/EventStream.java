package dev.spillway.engine.events;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process stream of events whose publishers must never wait: events go into a bounded queue that one daemon
 * thread delivers to the listeners; when the queue is full the event is dropped and counted.
 *
 * <p>A stream of frequent events (one per request) is drained every 10 ms rather than waking its thread for each
 * event, which would cost every publisher a context switch; a stream of rare events ({@link #rare}) sleeps until one
 * comes.
 *
 * @param <T> the event type
 */
public class EventStream<T> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventStream.class);
    private static final Object POISON = new Object();
    private static final long DISPATCH_INTERVAL_MILLIS = 10;

    private final BlockingQueue<Object> queue;
    private final List<Consumer<? super T>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread dispatcher;
    private final String name;
    private final boolean polled;

    /**
     * A stream of frequent events, delivered in batches every 10 ms.
     *
     * @param capacity how many events may wait for delivery
     * @param name names the dispatcher thread and the log lines
     */
    public EventStream(int capacity, String name) {
        this(capacity, name, true);
    }

    private EventStream(int capacity, String name, boolean polled) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.name = name;
        this.polled = polled;
        this.dispatcher = new Thread(this::dispatch, name);
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    /** A stream of rare events (state changes): its thread sleeps until an event comes, then delivers it at once. */
    public static <T> EventStream<T> rare(int capacity, String name) {
        return new EventStream<>(capacity, name, false);
    }

    /** Adds a listener; it is called on the dispatcher thread and should return quickly. Close to remove it. */
    public AutoCloseable subscribe(Consumer<? super T> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Queues the event without waiting. */
    public void publish(T event) {
        if (!queue.offer(event) && dropped.getAndIncrement() == 0) {
            log.warn("{}: the event queue is full; events are being dropped (listeners too slow)", name);
        }
    }

    /** Events that could not be delivered because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    private void dispatch() {
        List<Object> batch = new ArrayList<>(256);
        while (true) {
            queue.drainTo(batch, 256);
            if (batch.isEmpty()) {
                try {
                    if (polled) {
                        Thread.sleep(DISPATCH_INTERVAL_MILLIS);
                    } else {
                        batch.add(queue.take());
                    }
                } catch (InterruptedException e) {
                    return;
                }
                continue;
            }
            for (Object event : batch) {
                if (event == POISON) {
                    return;
                }
                @SuppressWarnings("unchecked")
                T typed = (T) event;
                deliver(typed);
            }
            batch.clear();
        }
    }

    private void deliver(T event) {
        for (Consumer<? super T> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                log.warn("{}: listener {} failed", name, listener, e);
            }
        }
    }

    /** Delivers what is queued, then stops. */
    @Override
    public void close() throws InterruptedException {
        queue.put(POISON);
        dispatcher.join(TimeUnit.SECONDS.toMillis(5));
    }
}
