package dev.spillway.engine.e2e;

import static dev.spillway.engine.e2e.GatewayFixture.MODEL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.engine.spend.SpendStore;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spend store under load: while the database is stalled (another transaction holds the row every write must
 * update), requests are served as usual, and a clean shutdown still stores every row.
 */
class SpendUnderLoadTest {

    private static final int REQUESTS = 120;
    private static final int CLIENTS = 6;

    @TempDir
    Path data;

    @Test
    void aStalledDatabaseDoesNotSlowRequestsAndShutdownLosesNoRows() throws Exception {
        String url = SpendStore.defaultJdbcUrl(data);
        List<Long> millis = new ArrayList<>();
        List<Integer> statuses = new ArrayList<>();
        long storedWhileStalled;
        try (GatewayFixture fixture = new GatewayFixture(o -> o.withSpendDatabase(url), "")) {
            assertThat(fixture.post("/v1/messages", GatewayFixture.body(MODEL, false)).statusCode()).isEqualTo(200);
            awaitRows(url, 1);
            try (Connection stall = DriverManager.getConnection(url)) {
                stall.setAutoCommit(false);
                try (Statement s = stall.createStatement();
                        ResultSet locked = s.executeQuery("SELECT * FROM spend_daily FOR UPDATE")) {
                    assertThat(locked.next()).as("the day's totals row, which every batch updates").isTrue();
                }
                ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
                try {
                    List<Future<long[]>> calls = new ArrayList<>();
                    for (int i = 0; i < REQUESTS; i++) {
                        calls.add(clients.submit(() -> {
                            long start = System.nanoTime();
                            HttpResponse<String> response = fixture.post("/v1/messages",
                                    GatewayFixture.body(MODEL, false));
                            return new long[] {response.statusCode(), (System.nanoTime() - start) / 1_000_000};
                        }));
                    }
                    for (Future<long[]> call : calls) {
                        long[] result = call.get();
                        statuses.add((int) result[0]);
                        millis.add(result[1]);
                    }
                } finally {
                    clients.shutdown();
                }
                storedWhileStalled = count(url);
                stall.rollback();
            }
        }
        long stored = count(url);

        millis.sort(Long::compare);
        long p50 = millis.get(millis.size() / 2);
        long max = millis.get(millis.size() - 1);
        System.out.printf("%d requests while the spend database was stalled: p50 %d ms, max %d ms%n", REQUESTS, p50,
                max);
        assertThat(statuses).containsOnly(200);
        assertThat(storedWhileStalled).as("nothing could be stored while the database was stalled").isEqualTo(1);
        assertThat(max).as("no request waited for the database (its lock timeout is 10 s)").isLessThan(2_000);
        assertThat(stored).as("every request's row, stored at shutdown").isEqualTo(REQUESTS + 1);
    }

    private static long count(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM spend_logs")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static void awaitRows(String url, long rows) {
        Awaitility.await("the spend rows are stored").atMost(Duration.ofSeconds(10))
                .until(() -> count(url) >= rows);
    }
}
