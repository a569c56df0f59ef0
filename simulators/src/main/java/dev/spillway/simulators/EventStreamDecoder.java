package dev.spillway.simulators;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Decodes AWS event-stream frames, checking both the prelude and the message CRC32. Feed it bytes as they arrive;
 * it returns each message once its frame is complete. Not thread-safe.
 */
public final class EventStreamDecoder {

    private static final int PRELUDE = 12;

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    /** Decodes a byte array that must hold whole frames only. */
    public static List<EventStreamMessage> decodeAll(byte[] frames) {
        EventStreamDecoder decoder = new EventStreamDecoder();
        List<EventStreamMessage> messages = decoder.feed(frames);
        if (decoder.bufferedBytes() != 0) {
            throw new IllegalArgumentException("truncated frame: " + decoder.bufferedBytes() + " bytes left over");
        }
        return messages;
    }

    /**
     * Adds {@code bytes} and returns the messages completed by them.
     *
     * @throws IllegalArgumentException on a CRC mismatch or an impossible length
     */
    public List<EventStreamMessage> feed(byte[] bytes) {
        pending.writeBytes(bytes);
        byte[] buffered = pending.toByteArray();
        List<EventStreamMessage> messages = new ArrayList<>();
        int offset = 0;
        while (buffered.length - offset >= PRELUDE) {
            ByteBuffer prelude = ByteBuffer.wrap(buffered, offset, PRELUDE);
            int totalLength = prelude.getInt();
            int headersLength = prelude.getInt();
            int preludeCrc = prelude.getInt();
            check(EventStreamEncoder.crc32(buffered, offset, 8), preludeCrc, "prelude");
            if (totalLength < EventStreamEncoder.OVERHEAD + headersLength || headersLength < 0) {
                throw new IllegalArgumentException("impossible frame lengths " + totalLength + "/" + headersLength);
            }
            if (buffered.length - offset < totalLength) {
                break;
            }
            int messageCrc = ByteBuffer.wrap(buffered, offset + totalLength - 4, 4).getInt();
            check(EventStreamEncoder.crc32(buffered, offset, totalLength - 4), messageCrc, "message");
            Map<String, String> headers = decodeHeaders(ByteBuffer.wrap(buffered, offset + PRELUDE, headersLength));
            int payloadStart = offset + PRELUDE + headersLength;
            int payloadLength = totalLength - EventStreamEncoder.OVERHEAD - headersLength;
            byte[] payload = new byte[payloadLength];
            System.arraycopy(buffered, payloadStart, payload, 0, payloadLength);
            messages.add(new EventStreamMessage(headers, payload));
            offset += totalLength;
        }
        pending.reset();
        pending.write(buffered, offset, buffered.length - offset);
        return messages;
    }

    /** Bytes received but not yet part of a complete frame. */
    public int bufferedBytes() {
        return pending.size();
    }

    private static void check(long computed, int declared, String what) {
        if ((int) computed != declared) {
            throw new IllegalArgumentException(what + " CRC mismatch");
        }
    }

    private static Map<String, String> decodeHeaders(ByteBuffer buffer) {
        Map<String, String> headers = new LinkedHashMap<>();
        while (buffer.hasRemaining()) {
            byte[] name = new byte[Byte.toUnsignedInt(buffer.get())];
            buffer.get(name);
            headers.put(new String(name, StandardCharsets.UTF_8), decodeValue(buffer));
        }
        return headers;
    }

    private static String decodeValue(ByteBuffer buffer) {
        byte type = buffer.get();
        return switch (type) {
            case 0 -> "true";
            case 1 -> "false";
            case 2 -> Byte.toString(buffer.get());
            case 3 -> Short.toString(buffer.getShort());
            case 4 -> Integer.toString(buffer.getInt());
            case 5, 8 -> Long.toString(buffer.getLong());
            case 6 -> Base64.getEncoder().encodeToString(bytes(buffer, Short.toUnsignedInt(buffer.getShort())));
            case 7 -> new String(bytes(buffer, Short.toUnsignedInt(buffer.getShort())), StandardCharsets.UTF_8);
            case 9 -> new UUID(buffer.getLong(), buffer.getLong()).toString();
            default -> throw new IllegalArgumentException("unknown header value type " + type);
        };
    }

    private static byte[] bytes(ByteBuffer buffer, int length) {
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return bytes;
    }
}
