package dev.spillway.engine.e2e;

import static dev.spillway.engine.e2e.GatewayFixture.MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.simulators.AnthropicReply;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /ui/api/events}: finished requests as they finish, heartbeats, and slow subscribers. */
class DashboardEventsTest {

    private final GatewayFixture fixture = new GatewayFixture(
            options -> options.withKeepAliveInterval(Duration.ofMillis(200)), "");
    private final DashboardClient dashboard = new DashboardClient(fixture.baseUrl(), null);

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aFinishedRequestArrivesOnTheStreamWithItsFigures() throws Exception {
        try (DashboardClient.EventStream events = dashboard.events()) {
            events.next("hello");
            fixture.anthropic.enqueue(AnthropicReply.text("live").withUsage(10, 4, 0, 0));

            assertThat(fixture.post("/v1/messages", GatewayFixture.body(MODEL, true)).statusCode()).isEqualTo(200);
            JsonNode request = events.next("request");

            assertThat(request.get("group").asText()).isEqualTo("claude-*");
            assertThat(request.get("provider").asText()).isEqualTo("anthropic");
            assertThat(request.get("status").asInt()).isEqualTo(200);
            assertThat(request.get("stream").asBoolean()).isTrue();
            assertThat(request.get("totalTokens").asLong()).isEqualTo(14);
            assertThat(request.get("fallback").asBoolean()).isFalse();
        }
    }

    @Test
    void aSilentStreamCarriesHeartbeatComments() throws Exception {
        try (DashboardClient.EventStream events = dashboard.events()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            String line;
            do {
                line = events.lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } while (line != null && !line.startsWith(":"));
            assertThat(line).as("a heartbeat comment line").isEqualTo(":");
        }
    }

    @Test
    void anOpenDashboardDoesNotHoldUpStopping() throws Exception {
        GatewayFixture patient = new GatewayFixture(options -> options.withShutdownGrace(Duration.ofMinutes(5)), "");
        DashboardClient.EventStream events = new DashboardClient(patient.baseUrl(), null).events();
        events.next("hello");

        // Were the open stream waited for like a request in flight, stopping would take the whole five minutes.
        assertTimeoutPreemptively(Duration.ofSeconds(30), patient::close);
    }

    /**
     * A subscriber that never reads fills its socket and then its small queue; after that its events are dropped
     * and counted, while requests and the other subscribers carry on. Each request's event carries its model name, so
     * long names fill the buffers in a few hundred fast 404s.
     */
    @Test
    void aSubscriberThatNeverReadsDoesNotHoldUpRequestsOrOtherSubscribers() throws Exception {
        String longName = "m".repeat(32 * 1024);
        byte[] body = ("{\"model\":\"" + longName + "\",\"max_tokens\":1,\"messages\":[]}")
                .getBytes(StandardCharsets.UTF_8);
        int requests = 400;
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new java.net.InetSocketAddress("127.0.0.1", fixture.gateway.port()));
            OutputStream out = stalled.getOutputStream();
            out.write(("GET /ui/api/events HTTP/1.1\r\nHost: 127.0.0.1:" + fixture.gateway.port() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            DashboardClient.await(() -> dashboard.json("/ui/api/summary").at("/live/subscribers").asInt() == 1);

            try (DashboardClient.EventStream reader = dashboard.events()) {
                reader.next("hello");
                for (int i = 0; i < requests; i++) {
                    assertThat(fixture.post("/v1/messages", body).statusCode()).isEqualTo(404);
                }
                fixture.anthropic.enqueue(AnthropicReply.text("after").withUsage(7, 3, 0, 0));
                assertThat(fixture.post("/v1/messages", GatewayFixture.body(MODEL, false)).statusCode())
                        .isEqualTo(200);
                JsonNode last;
                do {
                    last = reader.next("request");
                } while (last.get("status").asInt() == 404);
                assertThat(last.get("totalTokens").asLong()).isEqualTo(10);
            }
            JsonNode live = dashboard.json("/ui/api/summary").get("live");
            assertThat(live.get("droppedEvents").asLong()).isPositive();
        }
        assertThat(fixture.gateway.events().dropped()).isZero();
    }
}
