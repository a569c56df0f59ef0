package dev.spillway.engine.e2e;

import static dev.spillway.engine.e2e.GatewayFixture.MODEL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.simulators.AnthropicReply;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every kind of bad request gets a clear Anthropic-format error, and the next request is still served. */
class BadInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final GatewayFixture fixture = new GatewayFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static JsonNode error(HttpResponse<String> response) throws Exception {
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("type").asText()).isEqualTo("error");
        assertThat(body.get("request_id").asText()).startsWith("req_");
        return body.get("error");
    }

    private void assertStillServing() throws Exception {
        fixture.anthropic.enqueue(AnthropicReply.text("still here"));
        HttpResponse<String> next = fixture.post("/v1/messages", GatewayFixture.body(MODEL, false));
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.body()).contains("still here");
    }

    @Test
    void malformedJsonIsA400NamingWhere() throws Exception {
        HttpResponse<String> response = fixture.post("/v1/messages",
                "{\"model\": \"claude-sonnet-4-5\", \"messages\": [".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = error(response);
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("message").asText()).contains("not valid JSON");
        assertStillServing();
    }

    @Test
    void aMissingModelIsA400() throws Exception {
        HttpResponse<String> response = fixture.post("/v1/messages",
                "{\"max_tokens\": 10, \"messages\": []}".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response).get("message").asText()).isEqualTo("model: Field required.");
        assertStillServing();
    }

    @Test
    void anUnknownModelIsA404ListingTheAvailableNames() throws Exception {
        HttpResponse<String> response = fixture.post("/v1/messages", GatewayFixture.body("gpt-4o", false));

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode error = error(response);
        assertThat(error.get("type").asText()).isEqualTo("not_found_error");
        assertThat(error.get("message").asText()).contains("gpt-4o").contains("claude-*").contains("bedrock/claude-*");
        assertThat(fixture.anthropic.requestCount()).isZero();
    }

    @Test
    void aBodyOver32MegabytesIsA413() throws Exception {
        byte[] huge = new byte[32 * 1024 * 1024 + 10];
        Arrays.fill(huge, (byte) ' ');

        HttpResponse<String> response = fixture.post("/v1/messages", huge);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(error(response).get("type").asText()).isEqualTo("request_too_large");
        assertStillServing();
    }

    @Test
    void bytesThatAreNotUtf8AreA400() throws Exception {
        byte[] body = "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"X\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        int x = new String(body, StandardCharsets.UTF_8).indexOf('X');
        byte[] bad = Arrays.copyOf(body, body.length + 1);
        System.arraycopy(body, x + 1, bad, x + 2, body.length - x - 1);
        bad[x] = (byte) 0xC3;
        bad[x + 1] = (byte) 0x28;

        HttpResponse<String> response = fixture.post("/v1/messages", bad);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response).get("message").asText()).contains("UTF-8");
        assertStillServing();
    }

    @Test
    void anUpstreamThatHangsBecomesA504AfterTheTimeout() throws Exception {
        try (GatewayFixture quick = new GatewayFixture(o -> o,
                "  timeout: 1\n  num_retries: 0\n  cooldown_time: 0", "")) {
            quick.anthropic.enqueue(AnthropicReply.hang());
            quick.bedrock.enqueue(dev.spillway.simulators.BedrockReply.hang());

            HttpResponse<String> response = quick.post("/v1/messages", GatewayFixture.body(MODEL, false));

            assertThat(response.statusCode()).isEqualTo(504);
            assertThat(error(response).get("type").asText()).isEqualTo("timeout_error");
            assertThat(error(response).get("message").asText()).contains("1 s");
            quick.anthropic.releaseHangs();
            quick.bedrock.releaseHangs();
            quick.anthropic.enqueue(AnthropicReply.text("still here"));
            assertThat(quick.post("/v1/messages", GatewayFixture.body(MODEL, false)).body()).contains("still here");
        }
    }

    @Test
    void anUnknownRouteIsA404InAnthropicFormat() throws Exception {
        HttpResponse<String> response = fixture.get("/v1/nothing-here");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(error(response).get("type").asText()).isEqualTo("not_found_error");
    }
}
