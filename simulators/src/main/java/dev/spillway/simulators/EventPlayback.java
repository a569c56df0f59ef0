package dev.spillway.simulators;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Streams encoded events (SSE blocks or event-stream frames) on a prepared exchange, flushing each one on its own,
 * pausing between them and cutting the connection where the {@link Delivery} says so.
 */
final class EventPlayback {

    private EventPlayback() {
    }

    /**
     * Sends events {@code 0..count-1}, produced on demand by {@code eventAt} so that the last ones can report
     * timings. Ends the chunked body normally unless the delivery scripts a disconnect.
     */
    static void play(HttpServerExchange exchange, int count, IntFunction<byte[]> eventAt, Delivery delivery)
            throws IOException, InterruptedException {
        int toSend = delivery.disconnects() ? Math.min(count, delivery.disconnectAfterEvents()) : count;
        OutputStream out = exchange.getOutputStream();
        for (int index = 0; index < toSend; index++) {
            if (index > 0) {
                TimeUnit.NANOSECONDS.sleep(delivery.delayBetweenEvents().toNanos());
            }
            out.write(eventAt.apply(index));
            out.flush();
        }
        if (delivery.disconnects()) {
            Responses.sendHeadersThenDisconnect(exchange);
        } else {
            out.close();
        }
    }
}
