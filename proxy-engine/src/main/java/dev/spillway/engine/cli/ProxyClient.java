package dev.spillway.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.engine.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** GETs from a running proxy's admin and health routes, with the master key if there is one. */
final class ProxyClient {

    /** A JSON answer, or why there is none. */
    record Answer(int status, JsonNode json) {

        boolean ok() {
            return status == 200;
        }

        /** The error message of an error answer in Anthropic's or OpenAI's shape. */
        String errorMessage() {
            String message = json.path("error").path("message").asText(null);
            return message != null ? message : "HTTP " + status;
        }
    }

    /** The proxy could not be reached at all. */
    static final class NotRunning extends Exception {
        private static final long serialVersionUID = 1L;

        NotRunning(String message) {
            super(message);
        }
    }

    private final URI base;
    private final Optional<String> key;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    ProxyClient(URI base, Optional<String> key) {
        this.base = base;
        this.key = key;
    }

    Answer get(String path) throws NotRunning, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET();
        key.ifPresent(k -> request.header("authorization", "Bearer " + k));
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json;
            try {
                json = Json.MAPPER.readTree(response.body());
            } catch (IOException notJson) {
                json = Json.object();
            }
            return new Answer(response.statusCode(), json == null ? Json.object() : json);
        } catch (IOException e) {
            throw new NotRunning("Spillway is not running at " + base + " (" + e.getClass().getSimpleName()
                    + "): start it with ./spillway serve or the desktop app, or pass --url");
        }
    }
}
