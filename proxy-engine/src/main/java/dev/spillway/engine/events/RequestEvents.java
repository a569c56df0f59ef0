package dev.spillway.engine.events;

/**
 * The in-process stream of {@link RequestEvent}s. Publishing never blocks a request: events go into a bounded queue
 * that one daemon thread delivers to the listeners within about 10 ms; when the queue is full the event is dropped
 * and counted.
 */
public final class RequestEvents extends EventStream<RequestEvent> {

    public RequestEvents(int capacity) {
        super(capacity, "spillway-events");
    }
}
