package dev.spillway.simulators;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Encodes messages in the AWS event-stream binary format:
 * {@code [total length u32][headers length u32][prelude CRC32][headers][payload][message CRC32]}, all integers
 * big-endian, each header {@code [name length u8][name][type u8 = 7 (string)][value length u16][value]}.
 */
public final class EventStreamEncoder {

    /** Bytes of framing around headers and payload: the 12-byte prelude and the 4-byte message CRC. */
    static final int OVERHEAD = 16;
    static final byte STRING_TYPE = 7;

    private EventStreamEncoder() {
    }

    /** Encodes {@code message} as one frame. */
    public static byte[] encode(EventStreamMessage message) {
        return encode(message.headers(), message.payload());
    }

    /**
     * Encodes one frame with string-valued {@code headers} (written in map order) and {@code payload}.
     *
     * @throws IllegalArgumentException if a header name exceeds 255 bytes or a value 65,535 bytes
     */
    public static byte[] encode(Map<String, String> headers, byte[] payload) {
        byte[] headerBytes = encodeHeaders(headers);
        int totalLength = OVERHEAD + headerBytes.length + payload.length;
        ByteBuffer frame = ByteBuffer.allocate(totalLength);
        frame.putInt(totalLength).putInt(headerBytes.length);
        frame.putInt((int) crc32(frame.array(), 0, 8));
        frame.put(headerBytes).put(payload);
        frame.putInt((int) crc32(frame.array(), 0, totalLength - 4));
        return frame.array();
    }

    private static byte[] encodeHeaders(Map<String, String> headers) {
        ByteBuffer buffer = ByteBuffer.allocate(headers.entrySet().stream()
                .mapToInt(h -> 4 + utf8(h.getKey()).length + utf8(h.getValue()).length)
                .sum());
        headers.forEach((name, value) -> {
            byte[] nameBytes = utf8(name);
            byte[] valueBytes = utf8(value);
            if (nameBytes.length > 255 || valueBytes.length > 65_535) {
                throw new IllegalArgumentException("header too long: " + name);
            }
            buffer.put((byte) nameBytes.length).put(nameBytes);
            buffer.put(STRING_TYPE).putShort((short) valueBytes.length).put(valueBytes);
        });
        return buffer.array();
    }

    static long crc32(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
