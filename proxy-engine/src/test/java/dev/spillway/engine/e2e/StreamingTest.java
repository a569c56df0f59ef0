package dev.spillway.engine.e2e;

import static dev.spillway.engine.e2e.GatewayFixture.MODEL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.simulators.AnthropicReply;
import dev.spillway.simulators.BedrockReply;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Streams are relayed event by event, kept alive when Bedrock is silent, and always end cleanly. */
class StreamingTest {

    private final GatewayFixture fixture = new GatewayFixture(
            options -> options.withKeepAliveInterval(Duration.ofMillis(100)), "");

    @AfterEach
    void stop() {
        fixture.close();
    }

    private HttpResponse<java.io.InputStream> openStream() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(fixture.baseUrl().resolve("/v1/messages?beta=true"))
                .header("content-type", "application/json")
                .header("x-api-key", GatewayFixture.CALLER_KEY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(GatewayFixture.body(MODEL, true)))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
    }

    private static List<String> eventNames(String sse) {
        return sse.lines().filter(l -> l.startsWith("event: ")).map(l -> l.substring(7)).collect(Collectors.toList());
    }

    @Test
    void eachEventReachesTheClientBeforeTheUpstreamHasFinished() throws Exception {
        fixture.anthropic.enqueue(AnthropicReply.text("one two three four").withDelayBetweenEvents(Duration.ofMillis(300)));

        HttpResponse<java.io.InputStream> response = openStream();
        BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        String firstLine = reader.readLine();

        assertThat(firstLine).isEqualTo("event: message_start");
        assertThat(fixture.anthropic.finishedReplyCount())
                .as("the upstream is still streaming when the first event has arrived").isZero();
        String rest = reader.lines().collect(Collectors.joining("\n"));
        assertThat(eventNames(firstLine + "\n" + rest)).endsWith("message_delta", "message_stop");
    }

    @Test
    void silentBedrockStreamsGetPings() throws Exception {
        fixture.anthropic.enqueue(AnthropicReply.rateLimited(30));
        fixture.bedrock.enqueue(BedrockReply.text("slow answer").withDelayBetweenEvents(Duration.ofMillis(350)));

        String sse = new String(openStream().body().readAllBytes(), StandardCharsets.UTF_8);

        List<String> events = eventNames(sse);
        assertThat(events).contains("ping").startsWith("message_start").endsWith("message_stop");
        assertThat(sse).doesNotContain("amazon-bedrock-invocationMetrics");
        assertThat(sse).contains("data: {\"type\": \"ping\"}");
    }

    @Test
    void anUpstreamThatDiesMidStreamEndsWithAnErrorEvent() throws Exception {
        fixture.anthropic.enqueue(AnthropicReply.text("a long answer in pieces").disconnectAfterEvents(3));

        String sse = new String(openStream().body().readAllBytes(), StandardCharsets.UTF_8);

        List<String> events = eventNames(sse);
        assertThat(events).startsWith("message_start").endsWith("error");
        assertThat(sse).contains("\"type\":\"error\"");
        assertThat(fixture.bedrock.requestCount()).as("bytes had reached the client: no fallback").isZero();
        assertThat(fixture.nextEvent().error()).isPresent();
    }

    @Test
    void aBedrockExceptionMidStreamBecomesAnAnthropicErrorEvent() throws Exception {
        fixture.anthropic.enqueue(AnthropicReply.rateLimited(30));
        fixture.bedrock.enqueue(BedrockReply.streamThenException(3, "throttlingException", "Too many tokens"));

        String sse = new String(openStream().body().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(eventNames(sse)).startsWith("message_start").endsWith("error");
        assertThat(sse).contains("rate_limit_error").contains("Too many tokens");
    }

    @Test
    void aBedrockStreamCutOffMidwayEndsWithAnErrorEventNotASilentSuccess() throws Exception {
        fixture.anthropic.enqueue(AnthropicReply.rateLimited(30));
        fixture.bedrock.enqueue(BedrockReply.text("a long answer from bedrock").disconnectAfterEvents(3));

        String sse = new String(openStream().body().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(eventNames(sse)).startsWith("message_start").endsWith("error").doesNotContain("message_stop");
        assertThat(sse).contains("connection lost");
    }

    @Test
    void theGatewayEndsAStreamWhoseUpstreamGoesSilentForTooLong() throws Exception {
        try (GatewayFixture strict = new GatewayFixture(options -> options
                .withKeepAliveInterval(Duration.ofMillis(50))
                .withStreamIdleTimeout(Duration.ofMillis(600)), "")) {
            strict.anthropic.enqueue(AnthropicReply.text("x y z").withDelayBetweenEvents(Duration.ofSeconds(3)));
            HttpRequest request = HttpRequest.newBuilder(strict.baseUrl().resolve("/v1/messages"))
                    .header("x-api-key", GatewayFixture.CALLER_KEY)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(GatewayFixture.body(MODEL, true))).build();

            String sse = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();

            assertThat(eventNames(sse)).startsWith("message_start").endsWith("error");
            assertThat(sse).contains("timeout_error");
        }
    }

    @Test
    void streamsInFlightFinishWhenTheGatewayStops() throws Exception {
        fixture.anthropic.enqueue(AnthropicReply.text("finish me please").withDelayBetweenEvents(Duration.ofMillis(100)));
        HttpResponse<java.io.InputStream> response = openStream();
        BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        assertThat(reader.readLine()).isEqualTo("event: message_start");

        Thread stopper = new Thread(fixture.gateway::close);
        stopper.start();
        List<String> lines = new ArrayList<>();
        reader.lines().forEach(lines::add);
        stopper.join(10_000);

        assertThat(eventNames(String.join("\n", lines))).endsWith("message_stop");
    }
}
