package dev.spillway.simulators;

import static dev.spillway.simulators.OpenAiHttp.chatBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
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

/** Slow, hanging and broken replies of the OpenAI simulator, as a real HTTP client experiences them. */
class OpenAiSimulatorFaultsTest {

    private OpenAiSimulator openAi;
    private OpenAiHttp http;

    @BeforeEach
    void start() {
        openAi = OpenAiSimulator.start();
        http = new OpenAiHttp(openAi.baseUrl());
    }

    @AfterEach
    void stop() {
        openAi.close();
    }

    @Test
    void delayedStreamDeliversTheFirstChunkBeforeTheReplyFinishes() throws Exception {
        openAi.enqueue(OpenAiReply.text("One, two, three, four.").withDelayBetweenChunks(Duration.ofMillis(200)));

        HttpResponse<InputStream> response = http.client().send(http.chat(chatBody(true, "Hi")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String firstLine = reader.readLine();
            int finishedWhenFirstChunkArrived = openAi.finishedReplyCount();
            List<String> rest = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isEmpty()) {
                    rest.add(line);
                }
            }

            assertThat(firstLine).startsWith("data: {");
            assertThat(Json.parse(firstLine.substring(6)).path("choices").get(0).path("delta").path("role").asText())
                    .isEqualTo("assistant");
            assertThat(finishedWhenFirstChunkArrived).isZero();
            assertThat(rest).hasSize(6).last().isEqualTo("data: [DONE]");
        }
        assertThat(openAi.awaitFinishedReplies(1, Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void streamCutAfterSomeChunksEndsInAnIoErrorWithoutDone() throws Exception {
        openAi.enqueue(OpenAiReply.text("This will be cut off.").disconnectAfterChunks(2));
        RecordingBodySubscriber body = new RecordingBodySubscriber();

        assertThatThrownBy(() -> http.client().send(http.chat(chatBody(true, "Hi")).build(), info -> body))
                .isInstanceOf(IOException.class);

        List<JsonNode> chunks = DataEvents.chunks(body.receivedText());
        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(1).path("choices").get(0).path("delta").path("content").asText()).isNotEmpty();
        assertThat(openAi.awaitFinishedReplies(1, Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void streamCutBeforeTheFirstChunkSendsHeadersOnly() throws Exception {
        openAi.enqueue(OpenAiReply.echo().disconnectAfterChunks(0));

        HttpResponse<InputStream> response = http.client().send(http.chat(chatBody(true, "Hi")).build(),
                HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("text/event-stream; charset=utf-8");
        try (InputStream body = response.body()) {
            assertThatThrownBy(body::readAllBytes).isInstanceOf(IOException.class);
        }
    }

    @Test
    void nonStreamingCompletionCutMidwayFailsTheRead() {
        openAi.enqueue(OpenAiReply.text("Half of this arrives.").disconnectAfterChunks(0));

        assertThatThrownBy(() -> http.send(http.chat(chatBody(false, "Hi")))).isInstanceOf(IOException.class);
    }

    @Test
    void hangingRequestTimesOutOnTheClientWhileTheNextRequestIsServed() throws Exception {
        openAi.enqueue(OpenAiReply.hang());

        CompletableFuture<HttpResponse<String>> hanging = http.client().sendAsync(
                http.chat(chatBody(true, "Hi")).timeout(Duration.ofMillis(500)).build(),
                HttpResponse.BodyHandlers.ofString());
        openAi.takeRequest();
        HttpResponse<String> next = http.send(http.chat(chatBody(false, "still there?")));

        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(Json.parse(next.body()).path("choices").get(0).path("message").path("content").asText())
                .isEqualTo("Echo: still there?");
        assertThatThrownBy(() -> hanging.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(HttpTimeoutException.class);
        assertThat(openAi.awaitFinishedReplies(1, Duration.ofSeconds(5))).isTrue();
        assertThat(openAi.finishedReplyCount()).isEqualTo(1);
    }

    @Test
    void releasedHangCutsTheConnection() throws Exception {
        openAi.enqueue(OpenAiReply.hang());
        CompletableFuture<HttpResponse<String>> hanging = http.client().sendAsync(
                http.chat(chatBody(false, "Hi")).build(), HttpResponse.BodyHandlers.ofString());
        openAi.takeRequest();

        openAi.releaseHangs();

        assertThatThrownBy(() -> hanging.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IOException.class);
    }

    @Test
    void streamThatFailsMidwayEndsWithAnErrorChunkAndNoDone() throws Exception {
        OpenAiReply reply = OpenAiReply.streamThenError(2, "server_error", "upstream_error", "Provider returned error");
        openAi.enqueue(reply);
        openAi.enqueue(reply);

        HttpResponse<String> streamed = http.send(http.chat(chatBody(true, "Hi")));
        HttpResponse<String> plain = http.send(http.chat(chatBody(false, "Hi")));

        assertThat(streamed.statusCode()).isEqualTo(200);
        List<JsonNode> chunks = DataEvents.chunks(streamed.body());
        assertThat(chunks).hasSize(3);
        assertThat(chunks.get(2)).isEqualTo(Json.parse("""
                {"error":{"message":"Provider returned error","type":"server_error","param":null,\
                "code":"upstream_error"}}"""));
        assertThat(plain.statusCode()).isEqualTo(500);
        assertThat(Json.parse(plain.body()).path("error").path("code").asText()).isEqualTo("upstream_error");
    }
}
