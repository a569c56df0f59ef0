package dev.spillway.engine.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.engine.routing.Cooldowns;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UpstreamResponseTest {

    private static UpstreamResponse withHeaders(String... namesAndValues) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
        }
        return UpstreamResponse.complete(429, headers, "{}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void retryAfterIsReadInSeconds() {
        assertThat(withHeaders("retry-after", "30").retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(withHeaders("Retry-After", " 7 ").retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void fractionalSecondsAreTruncated() {
        assertThat(withHeaders("retry-after", "1.9").retryAfter()).contains(Duration.ofSeconds(1));
    }

    @Test
    void retryAfterMillisecondsWinOverSeconds() {
        UpstreamResponse response = withHeaders("retry-after", "30", "retry-after-ms", "1500");

        assertThat(response.retryAfter()).contains(Duration.ofMillis(1500));
    }

    @Test
    void garbageMillisecondsFallBackToSeconds() {
        assertThat(withHeaders("retry-after-ms", "soon", "retry-after", "4").retryAfter())
                .contains(Duration.ofSeconds(4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "", "Wed, 21 Oct 2026 07:28:00 GMT", "-5", "NaN", "Infinity", "-Infinity"})
    void unusableRetryAfterIsIgnored(String value) {
        assertThat(withHeaders("retry-after", value).retryAfter()).isEmpty();
        assertThat(withHeaders("retry-after-ms", value).retryAfter()).isEmpty();
    }

    @Test
    void noRetryAfterHeaderMeansNone() {
        assertThat(withHeaders("content-type", "application/json").retryAfter()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e12", "99999999999999999999", "1e300"})
    void absurdlyLongRetryAfterCannotBreakCooldownArithmetic(String value) {
        Cooldowns cooldowns = new Cooldowns(() -> 0L, 0, Duration.ofSeconds(60));

        for (String header : List.of("retry-after", "retry-after-ms")) {
            UpstreamResponse response = withHeaders(header, value);
            assertThat(response.retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive());
            assertThat(cooldowns.recordFailure("d-" + header, response.retryAfter())).isTrue();
            assertThat(cooldowns.remaining("d-" + header)).hasValueSatisfying(
                    d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofDays(1)));
        }
    }

    @Test
    void headersAreCaseInsensitiveAndStoredInLowerCase() {
        UpstreamResponse response = withHeaders("Content-Type", "application/json", "X-Request-Id", "abc");

        assertThat(response.header("content-type")).contains("application/json");
        assertThat(response.header("CONTENT-TYPE")).contains("application/json");
        assertThat(response.headers()).containsOnlyKeys("content-type", "x-request-id");
    }

    @Test
    void withHeaderAddsOrReplacesWithoutChangingTheOriginal() {
        UpstreamResponse original = withHeaders("retry-after", "30");

        UpstreamResponse changed = original.withHeader("Retry-After", "5").withHeader("x-extra", "1");

        assertThat(changed.retryAfter()).contains(Duration.ofSeconds(5));
        assertThat(changed.header("x-extra")).contains("1");
        assertThat(changed.bodyText()).isEqualTo("{}");
        assertThat(original.header("x-extra")).isEmpty();
        assertThat(original.retryAfter()).contains(Duration.ofSeconds(30));
    }

    @Test
    void completeAnswerHasABodyAndNoStream() {
        UpstreamResponse response = UpstreamResponse.complete(200, Map.of(), "héllo".getBytes(StandardCharsets.UTF_8));

        assertThat(response.isSuccess()).isTrue();
        assertThat(response.isStreaming()).isFalse();
        assertThat(response.bodyText()).isEqualTo("héllo");
        assertThat(response.firstChunk()).isNull();
    }

    @Test
    void streamingAnswerKeepsItsStreamWhenItsFirstChunkIsTakenOff() {
        ChunkStream stream = new ChunkStream();
        UpstreamResponse response = UpstreamResponse.streaming(200,
                Map.of("content-type", List.of("text/event-stream")), stream, true);
        byte[] first = "event: ping\n\n".getBytes(StandardCharsets.UTF_8);

        UpstreamResponse started = response.withFirstChunk(first).withHeader("x-spillway-provider", "bedrock");

        assertThat(started.isStreaming()).isTrue();
        assertThat(started.stream()).isSameAs(stream);
        assertThat(started.firstChunk()).isEqualTo(first);
        assertThat(started.needsKeepAlive()).isTrue();
        assertThat(started.body()).isEmpty();
        assertThat(started.header("content-type")).contains("text/event-stream");
        assertThat(started.header("x-spillway-provider")).contains("bedrock");
    }

    @Test
    void onlyTwoHundredsAreSuccesses() {
        assertThat(UpstreamResponse.complete(199, Map.of(), new byte[0]).isSuccess()).isFalse();
        assertThat(UpstreamResponse.complete(204, Map.of(), new byte[0]).isSuccess()).isTrue();
        assertThat(UpstreamResponse.complete(300, Map.of(), new byte[0]).isSuccess()).isFalse();
    }
}
