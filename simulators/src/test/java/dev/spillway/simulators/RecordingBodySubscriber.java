package dev.spillway.simulators;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Keeps every body byte a {@link java.net.http.HttpClient} delivered, even when the body then fails. (The client's
 * {@code ofInputStream()} may throw on a failed body before handing out bytes it had already received.)
 */
final class RecordingBodySubscriber implements HttpResponse.BodySubscriber<Void> {

    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final CompletableFuture<Void> outcome = new CompletableFuture<>();

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public synchronized void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            received.writeBytes(bytes);
        }
    }

    @Override
    public void onError(Throwable error) {
        outcome.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        outcome.complete(null);
    }

    @Override
    public CompletionStage<Void> getBody() {
        return outcome;
    }

    /** The body bytes received so far, as UTF-8. */
    synchronized String receivedText() {
        return received.toString(StandardCharsets.UTF_8);
    }
}
