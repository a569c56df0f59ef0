package dev.spillway.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.engine.routing.FailureKind;
import dev.spillway.engine.upstream.ChunkStream;
import dev.spillway.engine.upstream.UpstreamException;
import dev.spillway.engine.upstream.UpstreamResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CallUpstreamInterceptorTest {

    private static final Duration SHORT = Duration.ofMillis(200);
    private static final byte[] MESSAGE_START = ("event: message_start\ndata: {\"type\":\"message_start\",\"message\":"
            + "{\"id\":\"msg_01\",\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}\n\n")
            .getBytes(StandardCharsets.UTF_8);

    private final Gateway gateway = new Gateway();

    @Test
    void upstreamIsCalledWithTheDeploymentTimeoutElseTheRouterTimeout() throws Exception {
        ScriptedProvider own = gateway.deploy("a", "anthropic/claude-a", "a1", Optional.of(Duration.ofSeconds(7)))
                .then(200);
        ScriptedProvider inherited = gateway.deploy("b", "anthropic/claude-b", "b1").then(200);
        gateway.timeout(Duration.ofSeconds(42));

        gateway.send(gateway.call("a"));
        gateway.send(gateway.call("b"));

        assertThat(own.calls().get(0).timeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(inherited.calls().get(0).timeout()).isEqualTo(Duration.ofSeconds(42));
        assertThat(own.calls().get(0).upstreamModel()).isEqualTo("claude-a");
        assertThat(own.calls().get(0).request().requestId()).isEqualTo("req_test");
    }

    @Test
    void upstreamThatNeverAnswersBecomesATimeoutAfterTheDeploymentTimeout() throws Exception {
        ScriptedProvider silent = gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1", Optional.of(SHORT))
                .thenHang();
        RoutedCall call = gateway.call("claude-sonnet");

        long start = System.nanoTime();
        UpstreamResponse response = gateway.send(call);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.status()).isEqualTo(504);
        assertThat(response.bodyText()).contains("\"type\":\"timeout_error\"", "0.2 s", "req_test");
        assertThat(FailureKind.of(response)).isEqualTo(FailureKind.TIMEOUT);
        assertThat(took).isGreaterThanOrEqualTo(SHORT).isLessThan(Duration.ofSeconds(5));
        assertThat(silent.futures().get(0)).as("the abandoned call is cancelled").isCancelled();
        assertThat(call.trace().attempts()).extracting(RequestTrace.Attempt::status).containsExactly(504);
        assertThat(gateway.cooldowns().isCoolingDown("a1")).isTrue();
    }

    @Test
    void timedOutGroupFallsBack() throws Exception {
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1", Optional.of(SHORT)).thenHang();
        gateway.deploy("bedrock/claude-sonnet", "bedrock/claude-sonnet-4-5", "b1").then(200);
        gateway.fallback("claude-sonnet", "bedrock/claude-sonnet");
        RoutedCall call = gateway.call("claude-sonnet");

        assertThat(gateway.send(call).status()).isEqualTo(200);
        assertThat(call.trace().attempts()).extracting(RequestTrace.Attempt::kind)
                .containsExactly(FailureKind.TIMEOUT, FailureKind.NONE);
    }

    @Test
    void unreachableUpstreamBecomesABadGatewayAnswer() throws Exception {
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1")
                .thenFail(UpstreamException.unreachable("Connection refused by api.anthropic.com", null));

        UpstreamResponse response = gateway.send(gateway.call("claude-sonnet"));

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.bodyText()).contains("api_error", "Connection refused by api.anthropic.com");
        assertThat(FailureKind.of(response)).isEqualTo(FailureKind.SERVER_ERROR);
    }

    @Test
    void wrappedConnectionFailureNamesItsCause() throws Exception {
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1")
                .thenFail(new CompletionException(new CompletionException(new ConnectException("refused"))));

        UpstreamResponse response = gateway.send(gateway.call("claude-sonnet"));

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.bodyText()).contains("Could not reach the upstream (ConnectException)");
    }

    @Test
    void httpClientTimeoutBecomesATimeoutAnswer() throws Exception {
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1")
                .thenFail(new HttpTimeoutException("request timed out"));

        UpstreamResponse response = gateway.send(gateway.call("claude-sonnet"));

        assertThat(response.status()).isEqualTo(504);
        assertThat(response.bodyText()).contains("timeout_error");
    }

    @Test
    void streamThatFailsBeforeItsFirstChunkIsAFailedAttemptAndFallsBack() throws Exception {
        ChunkStream broken = new ChunkStream();
        AtomicBoolean cancelled = new AtomicBoolean();
        broken.onCancel(() -> cancelled.set(true));
        broken.fail(new IOException("connection reset"));
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1").thenStream(broken);
        ChunkStream healthy = new ChunkStream();
        healthy.push(MESSAGE_START);
        gateway.deploy("bedrock/claude-sonnet", "bedrock/claude-sonnet-4-5", "b1").thenStream(healthy);
        gateway.fallback("claude-sonnet", "bedrock/claude-sonnet");
        RoutedCall call = gateway.call("claude-sonnet");

        UpstreamResponse response = gateway.send(call);

        assertThat(response.stream()).isSameAs(healthy);
        assertThat(response.firstChunk()).isEqualTo(MESSAGE_START);
        assertThat(cancelled).isTrue();
        assertThat(call.trace().attempts()).extracting(RequestTrace.Attempt::status, RequestTrace.Attempt::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(502, FailureKind.SERVER_ERROR),
                        org.assertj.core.groups.Tuple.tuple(200, FailureKind.NONE));
        assertThat(call.trace().fallbacks()).isEqualTo(1);
    }

    @Test
    void streamThatEndsWithoutSendingAnythingIsAFailedAttempt() throws Exception {
        ChunkStream empty = new ChunkStream();
        empty.complete();
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1").thenStream(empty);

        UpstreamResponse response = gateway.send(gateway.call("claude-sonnet"));

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.isStreaming()).isFalse();
        assertThat(response.bodyText()).contains("ended the stream without sending anything");
    }

    @Test
    void streamDeliveringAFirstChunkIsReturnedWithThatChunkTakenOff() throws Exception {
        ChunkStream stream = new ChunkStream();
        AtomicBoolean cancelled = new AtomicBoolean();
        stream.onCancel(() -> cancelled.set(true));
        byte[] rest = "event: ping\ndata: {\"type\": \"ping\"}\n\n".getBytes(StandardCharsets.UTF_8);
        stream.push(MESSAGE_START);
        stream.push(rest);
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1").thenStream(stream);
        RoutedCall call = gateway.call("claude-sonnet");

        UpstreamResponse response = gateway.send(call);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.isStreaming()).isTrue();
        assertThat(response.header("content-type")).contains("text/event-stream");
        assertThat(response.firstChunk()).isEqualTo(MESSAGE_START);
        assertThat(stream.poll(1, TimeUnit.SECONDS)).as("the rest of the stream is still there")
                .isInstanceOfSatisfying(ChunkStream.Data.class, d -> assertThat(d.bytes()).isEqualTo(rest));
        assertThat(cancelled).isFalse();
        assertThat(call.trace().served().deployment().id()).isEqualTo("a1");
    }

    @Test
    void firstChunkArrivingLaterFromTheUpstreamThreadIsWaitedFor() throws Exception {
        ChunkStream stream = new ChunkStream();
        ScriptedProvider anthropic = gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1")
                .thenStream(stream);
        Thread upstream = new Thread(() -> {
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (anthropic.callCount() == 0 && System.nanoTime() < giveUp) {
                Thread.onSpinWait();
            }
            stream.push(MESSAGE_START);
        });
        upstream.setDaemon(true);
        upstream.start();

        UpstreamResponse response = gateway.send(gateway.call("claude-sonnet"));
        upstream.join();

        assertThat(response.firstChunk()).isEqualTo(MESSAGE_START);
    }

    @Test
    void silentStreamTimesOutAndIsCancelled() throws Exception {
        ChunkStream silent = new ChunkStream();
        AtomicBoolean cancelled = new AtomicBoolean();
        silent.onCancel(() -> cancelled.set(true));
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1", Optional.of(SHORT)).thenStream(silent);

        long start = System.nanoTime();
        UpstreamResponse response = gateway.send(gateway.call("claude-sonnet"));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SHORT);
        assertThat(response.status()).isEqualTo(504);
        assertThat(response.bodyText()).contains("sent nothing within the timeout");
        assertThat(cancelled).isTrue();
    }
}
