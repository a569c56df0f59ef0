package dev.spillway.engine.e2e;

import static dev.spillway.engine.e2e.GatewayFixture.MODEL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.engine.DeploymentChange;
import dev.spillway.engine.GatewayStatus;
import dev.spillway.engine.RoutingChange;
import dev.spillway.engine.routing.Ticker;
import dev.spillway.simulators.AnthropicReply;
import dev.spillway.simulators.BedrockReply;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A 429 from the primary fails its group over to Bedrock; once the cooldown ends and Anthropic answers, it recovers. */
class RoutingChangesTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Ticker ticker = nanos::get;
    private final GatewayFixture fixture = new GatewayFixture(options -> options.withTicker(ticker), "");
    private final BlockingQueue<RoutingChange> changes = new LinkedBlockingQueue<>();
    private final BlockingQueue<DeploymentChange> deployments = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        fixture.close();
    }

    private <T> T next(BlockingQueue<T> queue) throws InterruptedException {
        T item = queue.poll(10, TimeUnit.SECONDS);
        assertThat(item).as("an event within 10 s").isNotNull();
        return item;
    }

    private GatewayStatus.GroupStatus claudeGroup() {
        return fixture.gateway.status().groups().stream().filter(g -> g.name().equals("claude-*")).findFirst()
                .orElseThrow();
    }

    @Test
    void aGroupFailsOverOnceAndRecoversWhenItsPrimaryServesAgain() throws Exception {
        fixture.gateway.routingChanges().subscribe(changes::add);
        fixture.gateway.deploymentChanges().subscribe(deployments::add);
        assertThat(claudeGroup().state()).isEqualTo(GatewayStatus.RouteState.PRIMARY);
        fixture.anthropic.enqueue(AnthropicReply.rateLimited(30));
        fixture.bedrock.setDefaultReply(BedrockReply.text("from Bedrock"));
        Instant before = Instant.now();

        assertThat(fixture.post("/v1/messages", GatewayFixture.body(MODEL, false)).statusCode()).isEqualTo(200);
        RoutingChange failedOver = next(changes);

        assertThat(failedOver.kind()).isEqualTo(RoutingChange.Kind.FAILED_OVER);
        assertThat(failedOver.group()).isEqualTo("claude-*");
        assertThat(failedOver.from()).isEqualTo("anthropic");
        assertThat(failedOver.to()).isEqualTo("bedrock");
        assertThat(failedOver.describe()).isEqualTo("claude-* failed over from anthropic to bedrock");
        DeploymentChange cooling = next(deployments);
        assertThat(cooling.deployment()).isEqualTo("anthropic");
        assertThat(cooling.status()).isEqualTo(429);
        GatewayStatus.GroupStatus group = claudeGroup();
        assertThat(group.state()).isEqualTo(GatewayStatus.RouteState.FALLBACK);
        assertThat(group.servedBy()).contains("bedrock");
        assertThat(group.cooledDown()).singleElement().satisfies(c -> {
            assertThat(c.deployment()).isEqualTo("anthropic");
            assertThat(c.until()).isBetween(before.plusSeconds(59), Instant.now().plusSeconds(61));
        });
        assertThat(fixture.gateway.status().anyFailedOver()).isTrue();

        // While it cools down, requests go straight to Bedrock and nothing new is reported.
        assertThat(fixture.post("/v1/messages", GatewayFixture.body(MODEL, false)).statusCode()).isEqualTo(200);
        assertThat(fixture.anthropic.requestCount()).isEqualTo(1);

        nanos.addAndGet(Duration.ofSeconds(61).toNanos());
        assertThat(claudeGroup().state()).isEqualTo(GatewayStatus.RouteState.PRIMARY);
        assertThat(fixture.post("/v1/messages", GatewayFixture.body(MODEL, false)).statusCode()).isEqualTo(200);
        assertThat(fixture.anthropic.requestCount()).isEqualTo(2);
        RoutingChange recovered = next(changes);

        assertThat(recovered.kind()).isEqualTo(RoutingChange.Kind.RECOVERED);
        assertThat(recovered.group()).isEqualTo("claude-*");
        assertThat(recovered.from()).isEqualTo("bedrock");
        assertThat(recovered.to()).isEqualTo("anthropic");
        DeploymentChange healthy = next(deployments);
        assertThat(healthy.deployment()).isEqualTo("anthropic");
        assertThat(healthy.coolingDown()).isFalse();
        assertThat(changes).isEmpty();
        assertThat(fixture.gateway.status().anyFailedOver()).isFalse();
    }

    @Test
    void theDashboardStreamReportsTheFailover() throws Exception {
        DashboardClient dashboard = new DashboardClient(fixture.baseUrl(), null);
        try (DashboardClient.EventStream events = dashboard.events()) {
            events.next("hello");
            fixture.anthropic.enqueue(AnthropicReply.rateLimited(30));

            assertThat(fixture.post("/v1/messages", GatewayFixture.body(MODEL, false)).statusCode()).isEqualTo(200);

            assertThat(events.next("routing").get("message").asText())
                    .isEqualTo("claude-* failed over from anthropic to bedrock");
            assertThat(dashboard.json("/ui/api/summary").at("/groups/0/state").asText()).isEqualTo("fallback");
            assertThat(dashboard.json("/ui/api/summary").at("/deployments/0/state").asText())
                    .isEqualTo("cooling_down");
        }
    }
}
