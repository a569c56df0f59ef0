package dev.spillway.engine.provider;

import dev.spillway.engine.upstream.ChunkSource;
import dev.spillway.engine.upstream.UpstreamException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * A streaming body read straight off the upstream connection by the relaying thread: each read returns what has
 * arrived, so every SSE event is passed on as soon as its bytes are here. Silence is bounded by the stream idle
 * timeout, set on the connection's read; {@link #cancel} from another thread unblocks a read in progress.
 */
public final class SocketChunkSource implements ChunkSource {

    private static final long MAX_CHUNK = 64 * 1024;
    private static final End END = new End();

    private final Call call;
    private final ResponseBody body;
    private final BufferedSource source;
    private final Buffer buffer = new Buffer();
    private final Duration idleTimeout;

    public SocketChunkSource(Call call, ResponseBody body, Duration idleTimeout) {
        this.call = call;
        this.body = body;
        this.source = body.source();
        this.idleTimeout = idleTimeout;
        source.timeout().timeout(idleTimeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public Signal poll(long timeout, TimeUnit unit) {
        try {
            long n = source.read(buffer, MAX_CHUNK);
            if (n < 0) {
                body.close();
                return END;
            }
            return new Data(buffer.readByteArray());
        } catch (InterruptedIOException e) {
            body.close();
            return new Failure(UpstreamException.timeout("The upstream sent nothing for " + idleTimeout.toSeconds()
                    + " s; the stream was ended."));
        } catch (IOException e) {
            body.close();
            return new Failure(e);
        }
    }

    @Override
    public void cancel() {
        call.cancel();
        body.close();
    }
}
