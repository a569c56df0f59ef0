package dev.spillway.engine.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.engine.spend.SpendStore;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a master key, the page loads without it and asks for it; its data and the reset need the key. */
class DashboardAccessTest {

    private static final String MASTER_KEY = "sk-spillway-test-master-key";

    @TempDir
    Path data;

    private GatewayFixture fixture;

    @BeforeEach
    void start() {
        String url = SpendStore.defaultJdbcUrl(data);
        fixture = new GatewayFixture(options -> options.withSpendDatabase(url),
                "general_settings:\n  master_key: " + MASTER_KEY + "\n");
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void thePageLoadsWithoutTheKeyButItsDataDoesNot() throws Exception {
        DashboardClient anonymous = new DashboardClient(fixture.baseUrl(), null);

        assertThat(anonymous.get("/ui").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/ui/app.js").statusCode()).isEqualTo(200);
        for (String path : new String[] {"/ui/api/summary", "/ui/api/spend", "/ui/api/requests", "/ui/api/events"}) {
            HttpResponse<String> refused = anonymous.get(path);
            assertThat(refused.statusCode()).as(path).isEqualTo(401);
            assertThat(refused.body()).contains("authentication_error").doesNotContain(MASTER_KEY);
        }
        assertThat(anonymous.post("/ui/api/reset", "{\"confirm\":\"reset\"}").statusCode()).isEqualTo(401);
    }

    @Test
    void aCallersOwnAnthropicCredentialDoesNotOpenTheDashboard() throws Exception {
        DashboardClient caller = new DashboardClient(fixture.baseUrl(), GatewayFixture.CALLER_KEY);

        assertThat(caller.get("/ui/api/summary").statusCode()).isEqualTo(401);
    }

    @Test
    void theMasterKeyOpensDataEventsAndReset() throws Exception {
        DashboardClient admin = new DashboardClient(fixture.baseUrl(), MASTER_KEY);

        assertThat(admin.json("/ui/api/summary").get("spendHistory").asBoolean()).isTrue();
        assertThat(admin.get("/ui/api/spend").statusCode()).isEqualTo(200);
        assertThat(admin.get("/ui/api/spend", "authorization", "Bearer " + MASTER_KEY).statusCode()).isEqualTo(200);
        try (DashboardClient.EventStream events = admin.events()) {
            assertThat(events.next("hello")).isNotNull();
        }
        assertThat(admin.post("/ui/api/reset", "{\"confirm\":\"reset\"}", "origin", fixture.baseUrl().toString())
                .statusCode()).isEqualTo(200);
    }
}
