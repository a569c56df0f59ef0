package dev.spillway.simulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/**
 * The event-stream encoder and decoder, checked against each other, against the frame layout, and against the
 * codec the AWS SDK itself uses ({@code software.amazon.eventstream}, on the test classpath through the SDK).
 */
class EventStreamCodecTest {

    private static final Map<String, String> HEADERS = orderedHeaders(
            ":event-type", "chunk", ":content-type", "application/json", ":message-type", "event");
    private static final byte[] PAYLOAD = "{\"bytes\":\"eyJ0eXBlIjoicGluZyJ9\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void encodedFrameRoundTripsThroughTheDecoder() {
        byte[] frame = EventStreamEncoder.encode(HEADERS, PAYLOAD);

        List<EventStreamMessage> messages = EventStreamDecoder.decodeAll(frame);

        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).headers()).containsExactlyEntriesOf(HEADERS);
        assertThat(messages.get(0).payload()).isEqualTo(PAYLOAD);
    }

    @Test
    void frameHasTheDocumentedLayout() {
        byte[] frame = EventStreamEncoder.encode(HEADERS, PAYLOAD);
        ByteBuffer buffer = ByteBuffer.wrap(frame);

        int totalLength = buffer.getInt();
        int headersLength = buffer.getInt();
        int preludeCrc = buffer.getInt();

        assertThat(totalLength).isEqualTo(frame.length);
        assertThat(headersLength).isEqualTo(frame.length - 16 - PAYLOAD.length);
        assertThat(preludeCrc).isEqualTo(crc32(frame, 0, 8));
        assertThat(buffer.getInt(frame.length - 4)).isEqualTo(crc32(frame, 0, frame.length - 4));
        assertThat(frame[12]).isEqualTo((byte) ":event-type".length());
        assertThat(frame[12 + 1 + ":event-type".length()]).isEqualTo((byte) 7);
    }

    @Test
    void awsSdkCodecReadsOurFramesAndWeReadItsFrames() {
        Message decodedByAws = Message.decode(ByteBuffer.wrap(EventStreamEncoder.encode(HEADERS, PAYLOAD)));
        assertThat(decodedByAws.getHeaders().get(":event-type").getString()).isEqualTo("chunk");
        assertThat(decodedByAws.getPayload()).isEqualTo(PAYLOAD);

        Map<String, HeaderValue> awsHeaders = new LinkedHashMap<>();
        HEADERS.forEach((name, value) -> awsHeaders.put(name, HeaderValue.fromString(value)));
        ByteBuffer awsFrame = new Message(awsHeaders, PAYLOAD).toByteBuffer();
        byte[] awsBytes = new byte[awsFrame.remaining()];
        awsFrame.get(awsBytes);

        assertThat(awsBytes).isEqualTo(EventStreamEncoder.encode(HEADERS, PAYLOAD));
    }

    @Test
    void corruptedPayloadFailsTheMessageCrc() {
        byte[] frame = EventStreamEncoder.encode(HEADERS, PAYLOAD);
        frame[frame.length - 6] ^= 0x01;

        assertThatThrownBy(() -> EventStreamDecoder.decodeAll(frame))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("message CRC mismatch");
    }

    @Test
    void corruptedLengthFailsThePreludeCrc() {
        byte[] frame = EventStreamEncoder.encode(HEADERS, PAYLOAD);
        frame[3] ^= 0x01;

        assertThatThrownBy(() -> EventStreamDecoder.decodeAll(frame))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("prelude CRC mismatch");
    }

    @Test
    void decoderReturnsEachMessageOnceItsLastByteArrives() {
        byte[] first = BedrockStreamFrames.chunk("{\"type\":\"message_stop\"}");
        byte[] second = BedrockStreamFrames.exception("throttlingException", "slow down");
        byte[] both = ByteBuffer.allocate(first.length + second.length).put(first).put(second).array();
        EventStreamDecoder decoder = new EventStreamDecoder();
        List<Integer> completedAt = new ArrayList<>();
        List<EventStreamMessage> messages = new ArrayList<>();

        for (int i = 0; i < both.length; i++) {
            for (EventStreamMessage message : decoder.feed(new byte[] {both[i]})) {
                messages.add(message);
                completedAt.add(i + 1);
            }
        }

        assertThat(completedAt).containsExactly(first.length, both.length);
        assertThat(decoder.bufferedBytes()).isZero();
        assertThat(BedrockStreamFrames.chunkEventJson(messages.get(0))).isEqualTo("{\"type\":\"message_stop\"}");
        assertThat(messages.get(1).headers()).containsExactlyEntriesOf(orderedHeaders(
                ":exception-type", "throttlingException", ":content-type", "application/json",
                ":message-type", "exception"));
        assertThat(messages.get(1).payloadUtf8()).isEqualTo("{\"message\":\"slow down\"}");
    }

    @Test
    void truncatedInputIsReportedByDecodeAll() {
        byte[] frame = EventStreamEncoder.encode(HEADERS, PAYLOAD);
        byte[] truncated = Arrays.copyOf(frame, frame.length - 1);

        assertThatThrownBy(() -> EventStreamDecoder.decodeAll(truncated))
                .hasMessageContaining("truncated frame");
    }

    private static int crc32(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    private static Map<String, String> orderedHeaders(String... namesAndValues) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }
}
