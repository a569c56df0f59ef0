package dev.spillway.engine.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class ChunkStreamTest {

    private final ChunkStream stream = new ChunkStream();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private ChunkStream.Signal next() throws InterruptedException {
        return stream.poll(2, TimeUnit.SECONDS);
    }

    private static String text(ChunkStream.Signal signal) {
        assertThat(signal).isInstanceOf(ChunkStream.Data.class);
        return new String(((ChunkStream.Data) signal).bytes(), StandardCharsets.UTF_8);
    }

    /** A subscription that only records what the subscriber asks of it. */
    private static final class RecordingSubscription implements Flow.Subscription {
        final AtomicInteger requested = new AtomicInteger();
        final AtomicInteger cancels = new AtomicInteger();

        @Override
        public void request(long n) {
            requested.addAndGet((int) n);
        }

        @Override
        public void cancel() {
            cancels.incrementAndGet();
        }
    }

    @Test
    void chunksComeOutInOrderThenTheEnd() throws Exception {
        stream.push(bytes("a"));
        stream.push(bytes("b"));
        stream.complete();

        assertThat(text(next())).isEqualTo("a");
        assertThat(text(next())).isEqualTo("b");
        assertThat(next()).isInstanceOf(ChunkStream.End.class);
    }

    @Test
    void failureComesAfterTheChunksBeforeIt() throws Exception {
        IOException reset = new IOException("connection reset");
        stream.push(bytes("a"));
        stream.fail(reset);

        assertThat(text(next())).isEqualTo("a");
        assertThat(next()).isInstanceOfSatisfying(ChunkStream.Failure.class,
                f -> assertThat(f.cause()).isSameAs(reset));
    }

    @Test
    void nothingIsAcceptedAfterTheStreamFinished() throws Exception {
        stream.complete();
        stream.push(bytes("late"));
        stream.fail(new IOException("late"));
        stream.complete();

        assertThat(next()).isInstanceOf(ChunkStream.End.class);
        assertThat(stream.poll(10, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void onlyTheFirstFailureCounts() throws Exception {
        IOException first = new IOException("first");
        stream.fail(first);
        stream.fail(new IOException("second"));
        stream.complete();

        assertThat(next()).isInstanceOfSatisfying(ChunkStream.Failure.class,
                f -> assertThat(f.cause()).isSameAs(first));
        assertThat(stream.poll(10, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void emptyChunksAreDropped() throws Exception {
        stream.push(new byte[0]);
        stream.push(bytes("x"));

        assertThat(text(next())).isEqualTo("x");
    }

    @Test
    void pollReturnsNullWhenNothingArrivesInTime() throws Exception {
        long start = System.nanoTime();

        assertThat(stream.poll(50, TimeUnit.MILLISECONDS)).isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
    }

    @Test
    void pollWakesUpWhenAnotherThreadPushes() throws Exception {
        Thread producer = new Thread(() -> stream.push(bytes("from upstream")));
        producer.start();

        assertThat(text(stream.poll(5, TimeUnit.SECONDS))).isEqualTo("from upstream");
        producer.join();
    }

    @Test
    void cancelRunsTheRegisteredActionAndCancelsTheSubscription() throws Exception {
        AtomicInteger stopped = new AtomicInteger();
        RecordingSubscription subscription = new RecordingSubscription();
        stream.onSubscribe(subscription);
        stream.onCancel(stopped::incrementAndGet);

        stream.cancel();
        stream.push(bytes("after cancel"));

        assertThat(stopped).hasValue(1);
        assertThat(subscription.cancels).hasValue(1);
        assertThat(stream.poll(10, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void cancelWithoutAnythingRegisteredIsHarmless() {
        stream.cancel();
        stream.cancel();
    }

    @Test
    void subscribingAsksForOneItemAndEachTakenChunkForOneMore() throws Exception {
        RecordingSubscription subscription = new RecordingSubscription();

        stream.onSubscribe(subscription);
        assertThat(subscription.requested).as("on subscribe").hasValue(1);

        stream.onNext(List.of(ByteBuffer.wrap(bytes("a"))));
        stream.onNext(List.of(ByteBuffer.wrap(bytes("b"))));
        assertThat(subscription.requested).as("nothing taken yet").hasValue(1);

        text(next());
        assertThat(subscription.requested).hasValue(2);
        text(next());
        assertThat(subscription.requested).hasValue(3);

        stream.onComplete();
        assertThat(next()).isInstanceOf(ChunkStream.End.class);
        assertThat(subscription.requested).as("the end asks for nothing more").hasValue(3);
        assertThat(stream.poll(10, TimeUnit.MILLISECONDS)).isNull();
        assertThat(subscription.requested).as("a timed-out poll asks for nothing").hasValue(3);
    }

    @Test
    void emptyItemIsReplacedAtOnceWithoutReachingTheConsumer() throws Exception {
        RecordingSubscription subscription = new RecordingSubscription();
        stream.onSubscribe(subscription);

        stream.onNext(List.of(ByteBuffer.allocate(0)));

        assertThat(subscription.requested).hasValue(2);
        assertThat(stream.poll(10, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void buffersOfOneItemBecomeOneChunk() throws Exception {
        stream.onSubscribe(new RecordingSubscription());
        ByteBuffer partlyRead = ByteBuffer.wrap(bytes("xxdata: 1\n"));
        partlyRead.position(2);

        stream.onNext(List.of(ByteBuffer.wrap(bytes("event: ping\n")), partlyRead, ByteBuffer.wrap(bytes("\n"))));

        assertThat(text(next())).isEqualTo("event: ping\ndata: 1\n\n");
    }

    @Test
    void publisherErrorBecomesAFailureSignal() throws Exception {
        ChunkStream failing = new ChunkStream();
        IOException broken = new IOException("broken pipe");
        failing.onSubscribe(new RecordingSubscription());
        failing.onError(broken);

        assertThat(failing.poll(1, TimeUnit.SECONDS)).isInstanceOfSatisfying(ChunkStream.Failure.class,
                f -> assertThat(f.cause()).isSameAs(broken));
    }

    @Test
    void subscriptionArrivingAfterCancelIsCancelledAndAskedForNothing() {
        RecordingSubscription subscription = new RecordingSubscription();
        stream.cancel();

        stream.onSubscribe(subscription);

        assertThat(subscription.cancels).hasValue(1);
        assertThat(subscription.requested).hasValue(0);
    }
}
