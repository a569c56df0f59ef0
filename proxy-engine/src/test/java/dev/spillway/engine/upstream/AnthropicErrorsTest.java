package dev.spillway.engine.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.engine.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicErrorsTest {

    private static JsonNode parse(byte[] bytes) throws Exception {
        return Json.MAPPER.readTree(bytes);
    }

    @Test
    void bodyHasTheAnthropicErrorShape() throws Exception {
        JsonNode body = parse(AnthropicErrors.body("rate_limit_error", "Slow \"down\"\nplease", "req_1"));

        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.path("error").path("type").asText()).isEqualTo("rate_limit_error");
        assertThat(body.path("error").path("message").asText()).isEqualTo("Slow \"down\"\nplease");
        assertThat(body.path("request_id").asText()).isEqualTo("req_1");
    }

    @Test
    void bodyWithoutRequestIdLeavesItOut() throws Exception {
        JsonNode body = parse(AnthropicErrors.body("api_error", "boom", null));

        assertThat(body.has("request_id")).isFalse();
    }

    @Test
    void streamEventIsOneCompleteSseErrorEvent() throws Exception {
        String event = new String(AnthropicErrors.streamEvent("overloaded_error", "line one\nline two"),
                StandardCharsets.UTF_8);

        assertThat(event).startsWith("event: error\ndata: ").endsWith("\n\n");
        String[] lines = event.split("\n");
        assertThat(lines).hasSize(2).as("a newline in the message must not break the data line");
        JsonNode data = Json.MAPPER.readTree(lines[1].substring("data: ".length()));
        assertThat(data.path("type").asText()).isEqualTo("error");
        assertThat(data.path("error").path("type").asText()).isEqualTo("overloaded_error");
        assertThat(data.path("error").path("message").asText()).isEqualTo("line one\nline two");
    }

    @Test
    void responseCarriesStatusJsonContentTypeAndBody() throws Exception {
        UpstreamResponse response = AnthropicErrors.response(529, "overloaded_error", "busy", "req_2",
                Optional.empty());

        assertThat(response.status()).isEqualTo(529);
        assertThat(response.isStreaming()).isFalse();
        assertThat(response.header("content-type")).contains("application/json");
        assertThat(response.header("retry-after")).isEmpty();
        assertThat(parse(response.body()).path("error").path("message").asText()).isEqualTo("busy");
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
        assertThat(AnthropicErrors.response(429, "rate_limit_error", "m", null, Optional.of(Duration.ofMillis(1500)))
                .header("retry-after")).contains("2");
        assertThat(AnthropicErrors.response(429, "rate_limit_error", "m", null, Optional.of(Duration.ofSeconds(30)))
                .header("retry-after")).contains("30");
        assertThat(AnthropicErrors.response(429, "rate_limit_error", "m", null, Optional.of(Duration.ZERO))
                .header("retry-after")).contains("1");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "400, invalid_request_error",
        "401, authentication_error",
        "402, billing_error",
        "403, permission_error",
        "404, not_found_error",
        "409, conflict_error",
        "413, request_too_large",
        "429, rate_limit_error",
        "504, timeout_error",
        "529, overloaded_error",
        "500, api_error",
        "502, api_error",
        "503, api_error",
        "422, invalid_request_error",
    })
    void eachStatusHasItsAnthropicErrorType(int status, String type) {
        assertThat(AnthropicErrors.typeFor(status)).isEqualTo(type);
    }
}
