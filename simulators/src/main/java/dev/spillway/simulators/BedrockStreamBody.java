package dev.spillway.simulators;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * The frames of one streamed Bedrock answer, produced on demand so that the invocation metrics added to
 * {@code message_stop} carry real timings: chunk frames for the Anthropic events, and optionally an exception frame
 * instead of the rest.
 */
final class BedrockStreamBody implements IntFunction<byte[]> {

    private final List<ObjectNode> events;
    private final TokenUsage usage;
    private final AwsError exception;
    private final int chunkCount;
    private final long receivedAtNanos;
    private long firstByteMillis;

    /**
     * @param exception an exception to send after {@code chunksBeforeException} chunks, or {@code null}
     * @param receivedAtNanos {@link System#nanoTime()} when the request arrived
     */
    BedrockStreamBody(MessageScript script, String messageId, String model, AwsError exception,
            int chunksBeforeException, long receivedAtNanos) {
        this.events = script.toEvents(messageId, model);
        this.usage = script.usage();
        this.exception = exception;
        this.chunkCount = exception == null ? events.size() : Math.min(chunksBeforeException, events.size());
        this.receivedAtNanos = receivedAtNanos;
    }

    int frameCount() {
        return exception == null ? chunkCount : chunkCount + 1;
    }

    @Override
    public byte[] apply(int index) {
        if (index == 0) {
            firstByteMillis = millisSinceReceived();
        }
        if (index == chunkCount) {
            String name = exception.name();
            return BedrockStreamFrames.exception(Character.toLowerCase(name.charAt(0)) + name.substring(1),
                    exception.message());
        }
        ObjectNode event = events.get(index);
        if ("message_stop".equals(event.path("type").asText())) {
            event.set("amazon-bedrock-invocationMetrics", metrics());
        }
        return BedrockStreamFrames.chunk(Json.text(event));
    }

    private ObjectNode metrics() {
        return Json.object()
                .put("inputTokenCount", usage.inputTokens())
                .put("outputTokenCount", usage.outputTokens())
                .put("invocationLatency", millisSinceReceived())
                .put("firstByteLatency", firstByteMillis)
                .put("cacheReadInputTokenCount", usage.cacheReadTokens())
                .put("cacheWriteInputTokenCount", usage.cacheWriteTokens());
    }

    private long millisSinceReceived() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - receivedAtNanos);
    }
}
