package dev.spillway.simulators;

import static dev.spillway.simulators.AnthropicHttp.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Slow, hanging and broken replies of the Anthropic simulator, as a real HTTP client experiences them. */
class AnthropicSimulatorFaultsTest {

    private AnthropicSimulator anthropic;
    private AnthropicHttp http;

    @BeforeEach
    void start() {
        anthropic = AnthropicSimulator.start();
        http = new AnthropicHttp(anthropic.baseUrl());
    }

    @AfterEach
    void stop() {
        anthropic.close();
    }

    @Test
    void delayedStreamDeliversTheFirstEventBeforeTheLastIsSent() throws Exception {
        anthropic.enqueue(AnthropicReply.text("One, two, three, four.").withDelayBetweenEvents(Duration.ofMillis(200)));

        HttpResponse<InputStream> response = http.client().send(http.messages(body(true, "Hi")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            List<String> firstEvent = readEvent(reader);
            int finishedWhenFirstEventArrived = anthropic.finishedReplyCount();
            List<String> rest = new ArrayList<>();
            for (List<String> event = readEvent(reader); !event.isEmpty(); event = readEvent(reader)) {
                rest.add(event.get(0));
            }

            assertThat(firstEvent.get(0)).isEqualTo("event: message_start");
            assertThat(finishedWhenFirstEventArrived).isZero();
            assertThat(rest).hasSize(9).last().isEqualTo("event: message_stop");
        }
        assertThat(anthropic.awaitFinishedReplies(1, Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void hangingRequestTimesOutOnTheClientWhileOtherRequestsAreServed() throws Exception {
        anthropic.enqueue(AnthropicReply.hang());

        CompletableFuture<HttpResponse<String>> hanging = http.client().sendAsync(
                http.messages(body(false, "Hi")).timeout(Duration.ofMillis(500)).build(),
                HttpResponse.BodyHandlers.ofString());
        anthropic.takeRequest();
        HttpResponse<String> next = http.send(http.messages(body(false, "still there?")));

        assertThat(next.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> hanging.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(HttpTimeoutException.class);
        assertThat(anthropic.awaitFinishedReplies(1, Duration.ofSeconds(5))).isTrue();
        assertThat(anthropic.finishedReplyCount()).isEqualTo(1);
    }

    @Test
    void releasedHangCutsTheConnection() throws Exception {
        anthropic.enqueue(AnthropicReply.hang());
        CompletableFuture<HttpResponse<String>> hanging = http.client().sendAsync(
                http.messages(body(false, "Hi")).build(), HttpResponse.BodyHandlers.ofString());
        anthropic.takeRequest();

        anthropic.releaseHangs();

        assertThatThrownBy(() -> hanging.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IOException.class);
    }

    @Test
    void streamCutAfterSomeEventsEndsInAnIoErrorWithoutMessageStop() {
        anthropic.enqueue(AnthropicReply.text("This will be cut off.").disconnectAfterEvents(3));
        RecordingBodySubscriber body = new RecordingBodySubscriber();

        assertThatThrownBy(() -> http.client().send(http.messages(body(true, "Hi")).build(), info -> body))
                .isInstanceOf(IOException.class);

        assertThat(ServerSentEvent.parseAll(body.receivedText())).extracting(ServerSentEvent::type)
                .containsExactly("message_start", "content_block_start", "ping");
    }

    @Test
    void disconnectBeforeBodySendsHeadersOnly() throws Exception {
        anthropic.enqueue(AnthropicReply.disconnectBeforeBody());

        HttpResponse<InputStream> response = http.client().send(http.messages(body(true, "Hi")).build(),
                HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("text/event-stream; charset=utf-8");
        try (InputStream body = response.body()) {
            assertThatThrownBy(body::readAllBytes).isInstanceOf(IOException.class);
        }
    }

    @Test
    void nonStreamingMessageCutMidwayFailsTheRead() {
        anthropic.enqueue(AnthropicReply.text("Half of this arrives.").disconnectAfterEvents(0));

        assertThatThrownBy(() -> http.send(http.messages(body(false, "Hi")))).isInstanceOf(IOException.class);
    }

    @Test
    void closingTheSimulatorCutsHangingRequests() throws Exception {
        anthropic.enqueue(AnthropicReply.hang());
        CompletableFuture<HttpResponse<String>> hanging = http.client().sendAsync(
                http.messages(body(false, "Hi")).build(), HttpResponse.BodyHandlers.ofString());
        anthropic.takeRequest();

        anthropic.close();

        assertThatThrownBy(() -> hanging.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class);
    }

    /** The lines of the next SSE event, without the blank separator line; empty at the end of the body. */
    private static List<String> readEvent(BufferedReader reader) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isEmpty()) {
                return lines;
            }
            lines.add(line);
        }
        return lines;
    }
}
