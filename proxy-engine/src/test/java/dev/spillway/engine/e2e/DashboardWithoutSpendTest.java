package dev.spillway.engine.e2e;

import static dev.spillway.engine.e2e.GatewayFixture.MODEL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.simulators.AnthropicReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Without a spend database the dashboard still shows live data and says that spend history is off. */
class DashboardWithoutSpendTest {

    private final GatewayFixture fixture = new GatewayFixture();
    private final DashboardClient dashboard = new DashboardClient(fixture.baseUrl(), null);

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void liveFiguresWorkAndSpendHistoryIsOff() throws Exception {
        fixture.anthropic.enqueue(AnthropicReply.text("hi").withUsage(20, 5, 0, 0));
        assertThat(fixture.post("/v1/messages", GatewayFixture.body(MODEL, false)).statusCode()).isEqualTo(200);
        DashboardClient.await(() -> dashboard.json("/ui/api/summary").at("/today/requests").asLong() == 1
                && dashboard.json("/ui/api/requests").get("requests").size() == 1);

        JsonNode summary = dashboard.json("/ui/api/summary");
        assertThat(summary.get("spendHistory").asBoolean()).isFalse();
        assertThat(summary.has("allTime")).isFalse();
        assertThat(summary.at("/today/totalTokens").asLong()).isEqualTo(25);
        assertThat(dashboard.json("/ui/api/spend").get("enabled").asBoolean()).isFalse();
        assertThat(dashboard.json("/ui/api/requests").get("requests")).hasSize(1);
        assertThat(dashboard.post("/ui/api/reset", "{\"confirm\":\"reset\"}").statusCode()).isEqualTo(404);
        assertThat(fixture.gateway.spend()).isEmpty();
    }
}
