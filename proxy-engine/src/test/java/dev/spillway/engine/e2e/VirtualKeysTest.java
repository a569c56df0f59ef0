package dev.spillway.engine.e2e;

import static dev.spillway.engine.e2e.GatewayFixture.MODEL;
import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.spillway.engine.spend.SpendStore;
import dev.spillway.simulators.AnthropicReply;
import dev.spillway.simulators.RecordedRequest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Virtual keys end to end: the admin API, keys on the data plane, budgets, limits, and a restart. */
class VirtualKeysTest {

    private static final String MASTER_KEY = "sk-spillway-test-master-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private String url;
    private GatewayFixture fixture;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        url = SpendStore.defaultJdbcUrl(data);
        fixture = startGateway();
    }

    private GatewayFixture startGateway() {
        return new GatewayFixture(o -> o.withSpendDatabase(url),
                "general_settings:\n  master_key: " + MASTER_KEY + "\n");
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    // ---- helpers ----

    private HttpResponse<String> admin(String method, String path, String body, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(fixture.baseUrl().resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode adminJson(String method, String path, String body) throws Exception {
        HttpResponse<String> response = admin(method, path, body, MASTER_KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode generate(String body) throws Exception {
        return adminJson("POST", "/key/generate", body);
    }

    private static MessageCreateParams params() {
        return MessageCreateParams.builder().model(MODEL).maxTokens(64).addUserMessage("hi").build();
    }

    private HttpResponse<String> messageWith(String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(fixture.baseUrl().resolve("/v1/messages"))
                .timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json")
                .header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofByteArray(GatewayFixture.body(MODEL, false)));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static void await(BooleanSupplier condition, String what) {
        Awaitility.await(what).atMost(Duration.ofSeconds(10)).until(condition::getAsBoolean);
    }

    private double keySpend(String key) {
        try {
            return adminJson("GET", "/key/info?key=" + key, null).path("info").path("spend").asDouble();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- admin API ----

    @Test
    void theAdminApiTakesOnlyTheMasterKey() throws Exception {
        String key = generate("{}").get("key").asText();

        assertThat(admin("POST", "/key/generate", "{}", null).statusCode()).isEqualTo(401);
        assertThat(admin("POST", "/key/generate", "{}", key).statusCode()).as("a virtual key").isEqualTo(401);
        assertThat(admin("GET", "/key/list", null, "sk-ant-api03-test-caller").statusCode()).isEqualTo(401);
        assertThat(admin("GET", "/key/list", null, MASTER_KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void aKeyIsShownOnceAndStoredOnlyAsItsHash() throws Exception {
        JsonNode generated = generate("""
                {"key_alias": "ci-bot", "max_budget": 5, "budget_duration": "30d", "models": ["claude-*"],
                 "rpm_limit": 100, "metadata": {"team": "infra"}}""");
        String key = generated.get("key").asText();

        assertThat(key).startsWith("sk-").hasSizeGreaterThanOrEqualTo(35).doesNotStartWith("sk-ant-");
        assertThat(generated.get("token").asText()).isEqualTo(sha256(key));
        assertThat(generated.get("key_name").asText()).isEqualTo("sk-..." + key.substring(key.length() - 4));
        assertThat(generated.get("budget_reset_at").asText()).isNotEmpty();
        JsonNode info = adminJson("GET", "/key/info?key=" + key, null).get("info");
        assertThat(info.has("key")).isFalse();
        assertThat(info.get("key_alias").asText()).isEqualTo("ci-bot");
        assertThat(info.get("metadata").get("team").asText()).isEqualTo("infra");
        assertThat(adminJson("GET", "/key/info?key=" + sha256(key), null).get("info").get("token").asText())
                .as("looked up by its token too").isEqualTo(sha256(key));
        fixture.close();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT * FROM virtual_keys")) {
            assertThat(r.next()).isTrue();
            for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                assertThat(String.valueOf(r.getObject(i))).doesNotContain(key.substring(3));
            }
        }
        fixture = startGateway();
    }

    @Test
    void badAdminRequestsGetA400NamingTheField() throws Exception {
        HttpResponse<String> unknownField = admin("POST", "/key/generate", "{\"team_id\": \"t1\"}", MASTER_KEY);
        HttpResponse<String> badDuration = admin("POST", "/key/generate", "{\"budget_duration\": \"fortnight\"}",
                MASTER_KEY);
        HttpResponse<String> notJson = admin("POST", "/key/generate", "{", MASTER_KEY);

        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknownField.body()).path("error").path("message").asText())
                .contains("team_id is not supported");
        assertThat(badDuration.statusCode()).isEqualTo(400);
        assertThat(badDuration.body()).contains("budget_duration").contains("monthly");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(admin("GET", "/key/info?key=sk-nope-nope-nope", null, MASTER_KEY).statusCode()).isEqualTo(404);
    }

    @Test
    void usersOwnKeysAndKeysAreListedAndDeleted() throws Exception {
        JsonNode user = adminJson("POST", "/user/new",
                "{\"user_id\": \"ada\", \"user_email\": \"ada@example.com\", \"max_budget\": 10}");
        String userKey = user.get("key").asText();
        String second = generate("{\"user_id\": \"ada\", \"key_alias\": \"ada-laptop\"}").get("key").asText();

        JsonNode info = adminJson("GET", "/user/info?user_id=ada", null);
        JsonNode list = adminJson("GET", "/key/list?user_id=ada", null);
        JsonNode deleted = adminJson("POST", "/key/delete", "{\"key_aliases\": [\"ada-laptop\"]}");

        assertThat(info.get("user_info").get("max_budget").asDouble()).isEqualTo(10);
        assertThat(info.get("keys")).hasSize(2);
        assertThat(list.get("total_count").asInt()).isEqualTo(2);
        assertThat(list.get("keys").get(0).asText()).isEqualTo(sha256(userKey));
        assertThat(deleted.get("deleted_keys").get(0).asText()).isEqualTo(sha256(second));
        assertThat(messageWith("x-api-key", second).statusCode()).as("a deleted key").isEqualTo(401);
    }

    // ---- data plane ----

    @Test
    void aVirtualKeyIsNeverSentUpstreamAndTheCallersOwnCredentialIs() throws Exception {
        String key = generate("{\"key_alias\": \"laptop\"}").get("key").asText();
        fixture.anthropic.enqueue(AnthropicReply.text("hello").withUsage(1000, 100, 0, 0));

        Message message = fixture.client(b -> b.apiKey(GatewayFixture.CALLER_KEY)
                .putHeader("x-litellm-api-key", key)).messages().create(params());

        assertThat(message.content().get(0).asText().text()).isEqualTo("hello");
        RecordedRequest upstream = fixture.anthropic.takeRequest(Duration.ofSeconds(5));
        assertThat(upstream.header("x-api-key")).isEqualTo(GatewayFixture.CALLER_KEY);
        upstream.headerNames().forEach(name -> assertThat(upstream.header(name)).doesNotContain(key));
        var event = fixture.nextEvent();
        assertThat(event.caller()).contains(sha256(key));
        // Sonnet 4.5: 1000 input tokens at $3/M + 100 output at $15/M
        await(() -> keySpend(key) > 0, "the key's spend is counted");
        assertThat(keySpend(key)).isEqualTo(0.0045, org.assertj.core.api.Assertions.within(1e-12));
        String metrics = http.send(HttpRequest.newBuilder(fixture.baseUrl().resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).containsPattern("litellm_spend_metric_total\\{[^}]*api_key_alias=\"laptop\"[^}]*"
                + "hashed_api_key=\"" + sha256(key) + "\"[^}]*} 0.0045");
    }

    @Test
    void withoutAMasterKeyAKeyStillCarriesItsLimitsAndTheModelListIsItsOwn() throws Exception {
        try (dev.spillway.simulators.AnthropicSimulator anthropic = dev.spillway.simulators.AnthropicSimulator.start();
                dev.spillway.engine.Spillway open = dev.spillway.engine.Spillway.start(
                        dev.spillway.engine.config.ConfigLoader.withEnvironment(java.util.Map.of()).parse("""
                                model_list:
                                  - model_name: claude-sonnet
                                    litellm_params: {model: anthropic/claude-sonnet-4-5-20250929, api_base: %1$s}
                                  - model_name: claude-haiku
                                    litellm_params: {model: anthropic/claude-haiku-4-5-20251001, api_base: %1$s}
                                """.formatted(anthropic.baseUrl()), java.util.Optional.empty()),
                        dev.spillway.engine.SpillwayOptions.defaults().withPort(0)
                                .withSpendDatabase(SpendStore.defaultJdbcUrl(data.resolve("open"))))) {
            HttpResponse<String> generated = http.send(HttpRequest.newBuilder(open.baseUrl().resolve("/key/generate"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"models\": [\"claude-haiku\"], \"rpm_limit\": 1}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            String key = JSON.readTree(generated.body()).get("key").asText();
            HttpRequest.Builder haiku = HttpRequest.newBuilder(open.baseUrl().resolve("/v1/messages"))
                    .header("x-api-key", GatewayFixture.CALLER_KEY).header("x-litellm-api-key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"claude-haiku\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));

            int first = http.send(haiku.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            int second = http.send(haiku.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            JsonNode models = JSON.readTree(http.send(HttpRequest.newBuilder(open.baseUrl().resolve("/v1/models"))
                    .header("authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString()).body());
            JsonNode allModels = JSON.readTree(http.send(HttpRequest.newBuilder(open.baseUrl().resolve("/v1/models"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());

            assertThat(generated.statusCode()).as("admin routes are open on loopback without a master key")
                    .isEqualTo(200);
            assertThat(first).isEqualTo(200);
            assertThat(second).as("rpm_limit 1").isEqualTo(429);
            assertThat(models.get("data")).extracting(m -> m.get("id").asText()).containsExactly("claude-haiku");
            assertThat(allModels.get("data")).hasSize(2);
        }
    }

    @Test
    void aVirtualKeyAloneIsServedByADeploymentWithItsOwnCredentials() throws Exception {
        String key = generate("{}").get("key").asText();
        fixture.bedrock.enqueue(dev.spillway.simulators.BedrockReply.text("from bedrock"));

        Message message = fixture.client(b -> b.apiKey(key)).messages().create(params());

        assertThat(message.content().get(0).asText().text()).isEqualTo("from bedrock");
        assertThat(fixture.anthropic.requestCount()).as("no Anthropic credential to send").isZero();
    }

    @Test
    void aVirtualKeyNextToTheMasterKeyIsNotMistakenForTheCallersCredential() throws Exception {
        String key = generate("{}").get("key").asText();
        fixture.bedrock.enqueue(dev.spillway.simulators.BedrockReply.text("from bedrock"));

        HttpResponse<String> response = messageWith("x-spillway-key", MASTER_KEY, "authorization", "Bearer " + key);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(fixture.anthropic.requestCount()).as("the virtual key is no Anthropic credential").isZero();
    }

    @Test
    void blockedAndUnknownKeysGet401InTheCallersFormat() throws Exception {
        String blocked = generate("{\"blocked\": true, \"key_alias\": \"old\"}").get("key").asText();

        HttpResponse<String> response = messageWith("authorization", "Bearer " + blocked);

        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.path("error").path("message").asText()).contains("'old'").contains("is blocked");
        assertThat(response.body()).doesNotContain(blocked);
    }

    @Test
    void aKeyMayUseOnlyItsModels() throws Exception {
        String key = generate("{\"models\": [\"bedrock/claude-*\"]}").get("key").asText();

        HttpResponse<String> response = messageWith("x-api-key", key);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(response.body()).path("error").path("type").asText()).isEqualTo("permission_error");
        assertThat(response.body()).contains("may not use model '" + MODEL + "'").contains("bedrock/claude-*");
        assertThat(fixture.anthropic.requestCount()).isZero();
    }

    @Test
    void aKeyOverItsBudgetGets429NamingTheBudgetAndItsReset() throws Exception {
        String key = generate("{\"key_alias\": \"tight\", \"max_budget\": 0.001, \"budget_duration\": \"1d\"}")
                .get("key").asText();
        fixture.anthropic.enqueue(AnthropicReply.text("first").withUsage(1000, 100, 0, 0));
        HttpResponse<String> first = messageWith("x-api-key", GatewayFixture.CALLER_KEY, "x-spillway-key", key);
        await(() -> keySpend(key) >= 0.001, "the first request's cost is counted");

        HttpResponse<String> second = messageWith("x-api-key", GatewayFixture.CALLER_KEY, "x-spillway-key", key);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("x-litellm-key-max-budget")).contains("0.001");
        assertThat(second.statusCode()).isEqualTo(429);
        JsonNode error = JSON.readTree(second.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("rate_limit_error");
        assertThat(error.path("message").asText()).contains("Budget exceeded for key 'tight'")
                .contains("max_budget $0.0010").contains("It resets at").contains("budget_duration 1d");
        long retryAfter = Long.parseLong(second.headers().firstValue("retry-after").orElseThrow());
        assertThat(retryAfter).isBetween(86_000L, 86_400L);
        assertThat(fixture.anthropic.requestCount()).isEqualTo(1);
    }

    @Test
    void anAdminCanRaiseABudgetAndBlockAndUnblockAKey() throws Exception {
        String key = generate("{\"max_budget\": 0}").get("key").asText();
        assertThat(messageWith("x-api-key", key).statusCode()).isEqualTo(429);

        JsonNode raised = adminJson("POST", "/key/update", "{\"key\": \"" + key + "\", \"max_budget\": 10}");
        int afterRaise = messageWith("x-api-key", key).statusCode();
        adminJson("POST", "/key/block", "{\"key\": \"" + key + "\"}");
        int blocked = messageWith("x-api-key", key).statusCode();
        JsonNode unblocked = adminJson("POST", "/key/unblock", "{\"key\": \"" + sha256(key) + "\"}");

        assertThat(raised.get("max_budget").asDouble()).isEqualTo(10);
        assertThat(afterRaise).isEqualTo(200);
        assertThat(blocked).isEqualTo(401);
        assertThat(unblocked.get("blocked").asBoolean()).isFalse();
        assertThat(messageWith("x-api-key", key).statusCode()).isEqualTo(200);
    }

    @Test
    void theOpenAiRouteAnswersALimitInOpenAisFormat() throws Exception {
        String key = generate("{\"rpm_limit\": 1}").get("key").asText();
        fixture.bedrock.enqueue(dev.spillway.simulators.BedrockReply.text("one"));
        OpenAIClient openai = OpenAIOkHttpClient.builder().baseUrl(fixture.baseUrl() + "/v1").apiKey(key)
                .maxRetries(0).build();
        ChatCompletionCreateParams request = ChatCompletionCreateParams.builder().model("bedrock/" + MODEL)
                .addUserMessage("hi").build();

        openai.chat().completions().create(request);
        RateLimitException limited = org.assertj.core.api.Assertions.catchThrowableOfType(RateLimitException.class,
                () -> openai.chat().completions().create(request));

        assertThat(limited).isNotNull();
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.getMessage()).contains("rpm_limit is 1 requests per minute");
        assertThat(limited.headers().values("retry-after")).isNotEmpty();
    }

    @Test
    void keysAndTheirSpendSurviveARestartAndShowInTheSpendReport() throws Exception {
        String key = generate("{\"key_alias\": \"kept\", \"user_id\": \"grace\"}").get("key").asText();
        fixture.anthropic.enqueue(AnthropicReply.text("priced").withUsage(100_000, 10_000, 0, 0));
        assertThat(messageWith("x-api-key", GatewayFixture.CALLER_KEY, "x-litellm-api-key", key).statusCode())
                .isEqualTo(200);
        fixture.nextEvent();
        fixture.close();

        fixture = startGateway();

        assertThat(keySpend(key)).as("the spend was stored at shutdown").isEqualTo(0.45);
        assertThat(adminJson("GET", "/user/info?user_id=grace", null).get("user_info").get("spend").asDouble())
                .isEqualTo(0.45);
        JsonNode report = adminJson("GET", "/global/spend/report?group_by=api_key", null);
        assertThat(report).hasSize(1);
        assertThat(report.get(0).get("api_key").asText()).isEqualTo(sha256(key));
        assertThat(report.get(0).get("key_alias").asText()).isEqualTo("kept");
        assertThat(report.get(0).get("total_cost").asDouble()).isEqualTo(0.45);
        assertThat(report.get(0).get("total_input_tokens").asLong()).isEqualTo(100_000);
        assertThat(report.get(0).get("model_details").get(0).get("model").asText()).isEqualTo("claude-*");
        JsonNode byUser = adminJson("GET", "/global/spend/report?group_by=user", null);
        assertThat(byUser.get(0).get("user_id").asText()).isEqualTo("grace");
        JsonNode logs = adminJson("GET", "/spend/logs?summarize=false&api_key=" + key, null);
        assertThat(logs).hasSize(1);
        assertThat(logs.get(0).get("key_alias").asText()).isEqualTo("kept");
        assertThat(logs.get(0).get("user").asText()).isEqualTo("grace");
        JsonNode summary = adminJson("GET", "/spend/logs?user_id=grace", null);
        assertThat(summary).hasSize(1);
        assertThat(summary.get(0).get("models").get("claude-*").asDouble()).isEqualTo(0.45);
        assertThat(adminJson("GET", "/spend/logs?user_id=nobody", null)).isEmpty();
        assertThat(messageWith("x-api-key", key).statusCode()).as("the key still works").isNotEqualTo(401);
    }
}
