package dev.spillway.engine.translate;

import dev.spillway.engine.upstream.ChunkSource;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;

/**
 * A stream read in the upstream's dialect and handed on in the client's: each chunk is split into SSE events and
 * each event translated as soon as it is complete. Failures pass through untouched, for the relay to report in the
 * client's format.
 */
public final class TranslatingChunkSource implements ChunkSource {

    private final ChunkSource upstream;
    private final SseParser parser = new SseParser();
    private final StreamTranslator translator;
    private boolean ended;

    public TranslatingChunkSource(ChunkSource upstream, StreamTranslator translator) {
        this.upstream = upstream;
        this.translator = translator;
    }

    /** Translates bytes already taken from the upstream (the stream's first chunk). */
    public byte[] translate(byte[] upstreamBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(upstreamBytes.length + 64);
        for (SseEvent event : parser.feed(upstreamBytes)) {
            out.writeBytes(translator.onEvent(event));
        }
        return out.toByteArray();
    }

    @Override
    public Signal poll(long timeout, TimeUnit unit) throws InterruptedException {
        if (ended) {
            return new End();
        }
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (true) {
            Signal signal = upstream.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (signal instanceof Data data) {
                byte[] translated = translate(data.bytes());
                if (translated.length > 0) {
                    return new Data(translated);
                }
                if (System.nanoTime() - deadline >= 0) {
                    return null;
                }
            } else if (signal instanceof End) {
                ended = true;
                byte[] tail = translator.onEnd();
                return tail.length > 0 ? new Data(tail) : new End();
            } else {
                return signal;
            }
        }
    }

    @Override
    public void cancel() {
        upstream.cancel();
    }
}
