package dev.spillway.engine.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.engine.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The models an Anthropic API key can use: {@code GET /v1/models}, all pages. */
public final class AnthropicModelList {

    private final URI base;
    private final String credential;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * @param base e.g. {@code https://api.anthropic.com}
     * @param credential an API key ({@code x-api-key}) or an OAuth token ({@code sk-ant-oat…}, sent as a bearer)
     */
    public AnthropicModelList(URI base, String credential) {
        this.base = base;
        this.credential = credential;
    }

    /**
     * The model ids, newest first as the API lists them.
     *
     * @throws DiscoveryException if the API cannot be reached or refuses (with its message)
     */
    public List<String> ids() throws InterruptedException {
        List<String> ids = new ArrayList<>();
        String after = null;
        do {
            String query = "?limit=1000" + (after == null ? "" : "&after_id=" + URLEncoder.encode(after,
                    StandardCharsets.UTF_8));
            JsonNode page = get(base.resolve("/v1/models" + query));
            page.path("data").forEach(model -> ids.add(model.path("id").asText()));
            after = page.path("has_more").asBoolean(false) ? page.path("last_id").asText(null) : null;
        } while (after != null);
        return ids;
    }

    private JsonNode get(URI uri) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("anthropic-version", "2023-06-01").GET();
        if (credential.startsWith("sk-ant-oat")) {
            request.header("authorization", "Bearer " + credential).header("anthropic-beta", "oauth-2025-04-20");
        } else {
            request.header("x-api-key", credential);
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json = Json.MAPPER.readTree(response.body());
            if (response.statusCode() != 200) {
                throw new DiscoveryException("Anthropic " + uri.getPath() + " answered " + response.statusCode()
                        + ": " + json.path("error").path("message").asText("(no message)"));
            }
            return json;
        } catch (IOException e) {
            throw new DiscoveryException("cannot reach Anthropic at " + base + ": " + e.getMessage());
        }
    }
}
