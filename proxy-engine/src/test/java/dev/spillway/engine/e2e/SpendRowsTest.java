package dev.spillway.engine.e2e;

import static dev.spillway.engine.e2e.GatewayFixture.MODEL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.engine.spend.SpendRow;
import dev.spillway.engine.spend.SpendStore;
import dev.spillway.simulators.AnthropicReply;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What lands in the H2 spend store for streamed and non-streamed answers, tokens and cost exact, after a restart. */
class SpendRowsTest {

    @TempDir
    Path data;

    @Test
    void streamedAndNonStreamedRequestsAreStoredWithExactTokensAndCosts() throws Exception {
        String url = SpendStore.defaultJdbcUrl(data);
        try (GatewayFixture fixture = new GatewayFixture(o -> o.withSpendDatabase(url), "")) {
            fixture.anthropic.enqueue(AnthropicReply.text("whole").withUsage(2000, 300, 500, 100));
            fixture.anthropic.enqueue(AnthropicReply.text("streamed answer").withUsage(4000, 700, 0, 1000));
            assertThat(fixture.post("/v1/messages", GatewayFixture.body(MODEL, false)).statusCode()).isEqualTo(200);
            assertThat(fixture.post("/v1/messages", GatewayFixture.body(MODEL, true)).body())
                    .contains("message_stop");
            fixture.nextEvent();
            fixture.nextEvent();
        }

        List<SpendRow> rows;
        try (SpendStore reopened = SpendStore.open(url, SpendStore.DEFAULT_RETENTION)) {
            rows = reopened.recent(10).stream().sorted(Comparator.comparing(SpendRow::stream)).toList();
        }

        assertThat(rows).hasSize(2);
        SpendRow whole = rows.get(0);
        SpendRow streamed = rows.get(1);
        assertThat(whole.stream()).isFalse();
        assertThat(List.of(whole.inputTokens(), whole.outputTokens(), whole.cacheReadTokens(),
                whole.cacheWriteTokens())).containsExactly(2000L, 300L, 500L, 100L);
        // Sonnet 4.5 per million: input $3, output $15, cache read $0.30, cache write $3.75
        assertThat(whole.costUsd()).isEqualByComparingTo(new BigDecimal("0.011025"));
        assertThat(streamed.stream()).isTrue();
        assertThat(streamed.ttftMs()).isNotNull();
        assertThat(List.of(streamed.inputTokens(), streamed.outputTokens(), streamed.cacheReadTokens(),
                streamed.cacheWriteTokens())).containsExactly(4000L, 700L, 0L, 1000L);
        assertThat(streamed.costUsd()).isEqualByComparingTo(new BigDecimal("0.02625"));
        assertThat(streamed.upstreamModel()).isEqualTo(MODEL);
        assertThat(streamed.provider()).isEqualTo("anthropic");
    }
}
