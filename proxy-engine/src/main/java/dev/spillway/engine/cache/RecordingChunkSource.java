package dev.spillway.engine.cache;

import dev.spillway.engine.upstream.ChunkSource;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A stream passed through unchanged while its bytes are recorded: when it ends normally, every byte the client got
 * goes to {@code onEnd}. A stream that fails, is cancelled or grows beyond {@code limit} bytes is not kept.
 */
public final class RecordingChunkSource implements ChunkSource {

    private final ChunkSource stream;
    private final Consumer<byte[]> onEnd;
    private final int limit;
    private ByteArrayOutputStream recorded = new ByteArrayOutputStream();
    private volatile boolean cancelled;

    /**
     * @param firstChunk the stream's first chunk, already taken off it
     * @param onEnd gets the whole stream once it has ended normally
     */
    public RecordingChunkSource(ChunkSource stream, byte[] firstChunk, int limit, Consumer<byte[]> onEnd) {
        this.stream = stream;
        this.onEnd = onEnd;
        this.limit = limit;
        if (firstChunk != null) {
            record(firstChunk);
        }
    }

    @Override
    public Signal poll(long timeout, TimeUnit unit) throws InterruptedException {
        Signal signal = stream.poll(timeout, unit);
        if (signal instanceof Data data) {
            record(data.bytes());
        } else if (signal instanceof End) {
            ByteArrayOutputStream whole = recorded;
            recorded = null;
            if (whole != null && !cancelled) {
                onEnd.accept(whole.toByteArray());
            }
        } else if (signal instanceof Failure) {
            recorded = null;
        }
        return signal;
    }

    private void record(byte[] bytes) {
        if (recorded == null) {
            return;
        }
        if (recorded.size() + bytes.length > limit) {
            recorded = null;
            return;
        }
        recorded.writeBytes(bytes);
    }

    @Override
    public void cancel() {
        cancelled = true;
        stream.cancel();
    }
}
