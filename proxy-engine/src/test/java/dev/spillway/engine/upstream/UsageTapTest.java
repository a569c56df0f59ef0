package dev.spillway.engine.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.engine.events.RequestEvent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsageTapTest {

    /** A streamed Anthropic answer as the Messages API sends it (cumulative usage in message_delta). */
    private static final String STREAM = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-5-20250929","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":472,"cache_creation_input_tokens":1200,"cache_read_input_tokens":30000,"output_tokens":1,"service_tier":"standard"}}}

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

            event: ping
            data: {"type": "ping"}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Héllo — the usage of \\"usage\\": 99"}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"!"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":7}}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":472,"cache_creation_input_tokens":1200,"cache_read_input_tokens":30000,"output_tokens":15}}

            event: message_stop
            data: {"type":"message_stop"}

            """;

    private static final RequestEvent.Usage EXPECTED = new RequestEvent.Usage(472, 15, 30000, 1200);

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void usageIsReadFromAWholeStreamAtOnce() {
        UsageTap tap = new UsageTap();

        tap.onStreamBytes(bytes(STREAM));

        assertThat(tap.usage()).isEqualTo(EXPECTED);
    }

    @Test
    void usageIsReadFromAStreamFedOneByteAtATime() {
        UsageTap tap = new UsageTap();

        for (byte b : bytes(STREAM)) {
            tap.onStreamBytes(new byte[] {b});
        }

        assertThat(tap.usage()).isEqualTo(EXPECTED);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 1234, 99_999})
    void usageIsReadFromAStreamSplitAtRandomBoundaries(long seed) {
        Random random = new Random(seed);
        byte[] all = bytes(STREAM);
        UsageTap tap = new UsageTap();

        int offset = 0;
        while (offset < all.length) {
            int size = Math.min(all.length - offset, random.nextInt(40));
            tap.onStreamBytes(Arrays.copyOfRange(all, offset, offset + size));
            offset += size;
        }

        assertThat(tap.usage()).isEqualTo(EXPECTED);
    }

    @Test
    void crlfLineEndingsAreUnderstood() {
        UsageTap tap = new UsageTap();

        tap.onStreamBytes(bytes(STREAM.replace("\n", "\r\n")));

        assertThat(tap.usage()).isEqualTo(EXPECTED);
    }

    @Test
    void messageStartAloneGivesInputAndCacheCounts() {
        UsageTap tap = new UsageTap();

        tap.onStreamBytes(bytes(STREAM.substring(0, STREAM.indexOf("event: content_block_start"))));

        assertThat(tap.usage()).isEqualTo(new RequestEvent.Usage(472, 1, 30000, 1200));
    }

    @Test
    void laterDeltaReplacesOutputRatherThanAddingToIt() {
        UsageTap tap = new UsageTap();

        tap.onStreamBytes(bytes("""
                data: {"type":"message_start","message":{"usage":{"input_tokens":10,"output_tokens":1}}}
                data: {"type":"message_delta","usage":{"output_tokens":5}}
                data: {"type":"message_delta","usage":{"output_tokens":9,"input_tokens":null}}
                """));

        assertThat(tap.usage()).isEqualTo(new RequestEvent.Usage(10, 9, 0, 0));
    }

    @Test
    void usageOfOtherEventsAndBrokenLinesIsIgnored() {
        UsageTap tap = new UsageTap();

        tap.onStreamBytes(bytes("""
                data: {"type":"message_start","message":{"usage":{"input_tokens":10,"output_tokens":1}}}
                data: {"type":"content_block_delta","usage":{"output_tokens":500}}
                data: {"type":"message_delta","usage":{"output_tokens":
                : comment mentioning "usage"
                data:{"type":"message_delta","usage":{"output_tokens":3}}
                """));

        assertThat(tap.usage()).isEqualTo(new RequestEvent.Usage(10, 3, 0, 0));
    }

    @Test
    void streamWithoutUsageCountsNothing() {
        UsageTap tap = new UsageTap();

        tap.onStreamBytes(bytes("event: ping\ndata: {\"type\": \"ping\"}\n\n"));

        assertThat(tap.usage()).isEqualTo(RequestEvent.Usage.NONE);
    }

    @Test
    void usageIsReadFromACompleteMessageBody() {
        UsageTap tap = new UsageTap();

        tap.onMessageBody(bytes("""
                {"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
                 "content":[{"type":"text","text":"Hi"}],"stop_reason":"end_turn","stop_sequence":null,
                 "usage":{"input_tokens":12,"cache_creation_input_tokens":0,"cache_read_input_tokens":2048,
                          "output_tokens":6}}
                """));

        assertThat(tap.usage()).isEqualTo(new RequestEvent.Usage(12, 6, 2048, 0));
    }

    @Test
    void bodyThatIsNotJsonCountsNothing() {
        UsageTap tap = new UsageTap();

        tap.onMessageBody(bytes("<html>502 Bad Gateway</html>"));
        tap.onMessageBody(new byte[0]);

        assertThat(tap.usage()).isEqualTo(RequestEvent.Usage.NONE);
    }
}
