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
 * The in-process stream of {@link RequestEvent}s. Publishing never blocks a request: events go into a bounded queue
 * that one daemon thread delivers to the listeners within about 10 ms; when the queue is full the event is dropped
 * and counted.
 */
public final class RequestEvents implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RequestEvents.class);
    private static final RequestEvent POISON = new RequestEvent(null, null, null, null, null, null, null, 0, false,
            null, null, null, false, 0, 0, null, false);

    private static final long DISPATCH_INTERVAL_MILLIS = 10;

    private final BlockingQueue<RequestEvent> queue;
    private final List<Consumer<RequestEvent>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread dispatcher;

    public RequestEvents(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.dispatcher = new Thread(this::dispatch, "spillway-events");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    /** Adds a listener; it is called on the dispatcher thread and should return quickly. */
    public AutoCloseable subscribe(Consumer<RequestEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public void publish(RequestEvent event) {
        if (!queue.offer(event) && dropped.getAndIncrement() == 0) {
            log.warn("Request event queue is full; events are being dropped (listeners too slow)");
        }
    }

    /** Events that could not be delivered because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /**
     * Delivers in batches, checking the queue every few milliseconds rather than being woken for each event: waking
     * a thread per request would cost the request path a context switch.
     */
    private void dispatch() {
        List<RequestEvent> batch = new ArrayList<>(256);
        while (true) {
            queue.drainTo(batch, 256);
            if (batch.isEmpty()) {
                try {
                    Thread.sleep(DISPATCH_INTERVAL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                continue;
            }
            for (RequestEvent event : batch) {
                if (event == POISON) {
                    return;
                }
                deliver(event);
            }
            batch.clear();
        }
    }

    private void deliver(RequestEvent event) {
        for (Consumer<RequestEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                log.warn("Request event listener {} failed", listener, e);
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
