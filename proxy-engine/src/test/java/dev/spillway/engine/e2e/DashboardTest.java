package dev.spillway.engine.e2e;

import static dev.spillway.engine.e2e.GatewayFixture.MODEL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.engine.spend.SpendStore;
import dev.spillway.simulators.AnthropicReply;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /ui} and its JSON routes after real traffic through the proxy, with a real H2 spend store. */
class DashboardTest {

    @TempDir
    Path data;

    private GatewayFixture fixture;
    private DashboardClient dashboard;

    @BeforeEach
    void start() {
        String url = SpendStore.defaultJdbcUrl(data);
        fixture = new GatewayFixture(options -> options.withSpendDatabase(url), "");
        dashboard = new DashboardClient(fixture.baseUrl(), null);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    /** Sonnet 4.5 costs $3 per million input tokens and $15 per million output tokens. */
    private void twoPricedRequests() throws Exception {
        fixture.anthropic.enqueue(AnthropicReply.text("one").withUsage(100_000, 10_000, 0, 0));
        fixture.anthropic.enqueue(AnthropicReply.text("two").withUsage(1_000, 200, 0, 0));
        assertThat(fixture.post("/v1/messages", GatewayFixture.body(MODEL, false)).statusCode()).isEqualTo(200);
        assertThat(fixture.post("/v1/messages", GatewayFixture.body(MODEL, true)).statusCode()).isEqualTo(200);
        // Each view is fed from the event thread, one after the other: wait until both have both requests.
        DashboardClient.await(() -> dashboard.json("/ui/api/summary").at("/today/requests").asLong() == 2
                && dashboard.json("/ui/api/requests").get("requests").size() == 2);
    }

    @Test
    void summaryCountsTodaysRequestsTokensAndSpendExactly() throws Exception {
        twoPricedRequests();

        JsonNode summary = dashboard.json("/ui/api/summary");

        assertThat(summary.get("spendHistory").asBoolean()).isTrue();
        JsonNode today = summary.get("today");
        assertThat(today.get("inputTokens").asLong()).isEqualTo(101_000);
        assertThat(today.get("outputTokens").asLong()).isEqualTo(10_200);
        assertThat(today.get("totalTokens").asLong()).isEqualTo(111_200);
        // 0.3 + 0.15 for the first, 0.003 + 0.003 for the second
        assertThat(today.get("costUsd").decimalValue()).isEqualByComparingTo("0.456");
        assertThat(summary.at("/groups/0/name").asText()).isEqualTo("claude-*");
        assertThat(summary.at("/groups/0/state").asText()).isEqualTo("primary");
        assertThat(summary.at("/groups/0/servedBy").asText()).isEqualTo("anthropic");
        assertThat(summary.at("/groups/0/fallbackGroups/0").asText()).isEqualTo("bedrock/claude-*");
        JsonNode anthropic = summary.at("/deployments/0");
        assertThat(anthropic.get("id").asText()).isEqualTo("anthropic");
        assertThat(anthropic.get("state").asText()).isEqualTo("healthy");
        assertThat(anthropic.get("requestsPerMinute").asInt()).isEqualTo(2);
        assertThat(fixture.gateway.status().requestsToday()).isEqualTo(2);
        assertThat(fixture.gateway.status().spendTodayUsd()).isEqualByComparingTo("0.456");
    }

    @Test
    void spendPerDayComesFromTheStoreByProviderAndModel() throws Exception {
        twoPricedRequests();
        LocalDate today = fixture.gateway.spend().orElseThrow().today();
        DashboardClient.await(() -> dashboard.json("/ui/api/spend").at("/totals/requests").asLong() == 2);

        JsonNode spend = dashboard.json("/ui/api/spend?by=provider");

        assertThat(spend.get("from").asText()).isEqualTo(today.minusDays(6).toString());
        assertThat(spend.get("to").asText()).isEqualTo(today.toString());
        assertThat(spend.get("days")).hasSize(7);
        assertThat(spend.get("keys")).extracting(JsonNode::asText).containsExactly("anthropic");
        JsonNode day = spend.get("days").get(6);
        assertThat(day.get("day").asText()).isEqualTo(today.toString());
        assertThat(day.at("/byKey/anthropic/inputTokens").asLong()).isEqualTo(101_000);
        assertThat(day.at("/byKey/anthropic/costUsd").decimalValue()).isEqualByComparingTo("0.456");
        assertThat(spend.get("days").get(0).get("byKey").size()).isZero();
        assertThat(spend.at("/totals/totalTokens").asLong()).isEqualTo(111_200);

        JsonNode byModel = dashboard.json("/ui/api/spend?by=model&from=" + today + "&to=" + today);
        assertThat(byModel.get("days")).hasSize(1);
        assertThat(byModel.at("/totalsByKey/claude-*/requests").asLong()).isEqualTo(2);
        assertThat(byModel.at("/totalsByKey/claude-*/costUsd").decimalValue())
                .isEqualByComparingTo(new BigDecimal("0.456"));
    }

    @Test
    void recentRequestsAreNewestFirstWithTheirFigures() throws Exception {
        twoPricedRequests();

        JsonNode rows = dashboard.json("/ui/api/requests?limit=10").get("requests");

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("stream").asBoolean()).isTrue();
        assertThat(rows.get(0).get("totalTokens").asLong()).isEqualTo(1_200);
        assertThat(rows.get(0).get("costUsd").decimalValue()).isEqualByComparingTo("0.006");
        assertThat(rows.get(1).get("inputTokens").asLong()).isEqualTo(100_000);
        assertThat(rows.get(1).get("provider").asText()).isEqualTo("anthropic");
        assertThat(rows.get(1).get("group").asText()).isEqualTo("claude-*");
        assertThat(rows.get(1).get("fallback").asBoolean()).isFalse();
        assertThat(rows.get(1).get("status").asInt()).isEqualTo(200);
    }

    @Test
    void badQueriesGetAClearError() throws Exception {
        HttpResponse<String> badBy = dashboard.get("/ui/api/spend?by=color");
        HttpResponse<String> backwards = dashboard.get("/ui/api/spend?from=2026-11-20&to=2026-11-01");
        HttpResponse<String> notADate = dashboard.get("/ui/api/spend?from=yesterday");
        HttpResponse<String> hugeLimit = dashboard.get("/ui/api/requests?limit=100000");

        assertThat(badBy.statusCode()).isEqualTo(400);
        assertThat(badBy.body()).contains("invalid_request_error", "by must be provider, model or key");
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(notADate.statusCode()).isEqualTo(400);
        assertThat(hugeLimit.statusCode()).isEqualTo(400);
    }

    @Test
    void resetNeedsConfirmationThenDeletesTheHistory() throws Exception {
        twoPricedRequests();
        DashboardClient.await(() -> dashboard.json("/ui/api/spend").at("/totals/requests").asLong() == 2);

        HttpResponse<String> unconfirmed = dashboard.post("/ui/api/reset", "{}");
        HttpResponse<String> wrongWord = dashboard.post("/ui/api/reset", "{\"confirm\":\"yes\"}");
        assertThat(unconfirmed.statusCode()).isEqualTo(400);
        assertThat(unconfirmed.body()).contains("{\\\"confirm\\\": \\\"reset\\\"}");
        assertThat(wrongWord.statusCode()).isEqualTo(400);
        assertThat(dashboard.json("/ui/api/spend").at("/totals/requests").asLong()).isEqualTo(2);

        HttpResponse<String> reset = dashboard.post("/ui/api/reset", "{\"confirm\":\"reset\"}");

        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(DashboardClient.JSON.readTree(reset.body()).get("deletedRequests").asInt()).isEqualTo(2);
        assertThat(dashboard.json("/ui/api/spend").at("/totals/requests").asLong()).isZero();
        assertThat(dashboard.json("/ui/api/summary").at("/today/requests").asLong()).isZero();
        assertThat(dashboard.json("/ui/api/summary").at("/allTime/requests").asLong()).isZero();
        assertThat(dashboard.json("/ui/api/requests").get("requests")).isEmpty();
        assertThat(fixture.gateway.status().spendTodayUsd()).isEqualByComparingTo("0");
    }

    @Test
    void thePageAndItsFilesAreServedWithAStrictContentPolicy() throws Exception {
        HttpResponse<String> page = dashboard.get("/ui");
        HttpResponse<String> slash = dashboard.get("/ui/");
        HttpResponse<String> script = dashboard.get("/ui/app.js");
        HttpResponse<String> style = dashboard.get("/ui/app.css");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.headers().firstValue("content-security-policy"))
                .hasValueSatisfying(v -> assertThat(v).contains("script-src 'self'", "frame-ancestors 'none'"));
        assertThat(page.body()).contains("<script src=\"/ui/app.js\"></script>", "href=\"/ui/app.css\"");
        assertThat(slash.body()).isEqualTo(page.body());
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("content-type")).contains("text/javascript; charset=utf-8");
        assertThat(script.body()).contains("/ui/api/events");
        assertThat(style.headers().firstValue("content-type")).contains("text/css; charset=utf-8");
    }

    @Test
    void foreignPagesAndRebindingHostsAreRefusedButThePagesOwnRequestsPass() throws Exception {
        String own = fixture.baseUrl().toString();

        HttpResponse<String> foreign = dashboard.get("/ui/api/summary", "origin", "https://evil.example");
        HttpResponse<String> foreignReset = dashboard.post("/ui/api/reset", "{\"confirm\":\"reset\"}",
                "origin", "https://evil.example");
        HttpResponse<String> ownOrigin = dashboard.post("/ui/api/reset", "{}", "origin", own);

        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreignReset.statusCode()).isEqualTo(403);
        assertThat(ownOrigin.statusCode()).isEqualTo(400); // reached the handler: only the confirmation is missing
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", fixture.gateway.port())) {
            socket.getOutputStream().write(("GET /ui HTTP/1.1\r\nHost: rebound.example:" + fixture.gateway.port()
                    + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 403");
        }
    }
}
