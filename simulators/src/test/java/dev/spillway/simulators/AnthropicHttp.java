package dev.spillway.simulators;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain {@link HttpClient} speaking to the Anthropic simulator the way Claude Code would. */
final class AnthropicHttp {

    static final String MODEL = "claude-sonnet-4-5-20250929";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI baseUrl;

    AnthropicHttp(URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    HttpClient client() {
        return client;
    }

    /** A {@code POST /v1/messages?beta=true} with an API key and the given body. */
    HttpRequest.Builder messages(String body) {
        return HttpRequest.newBuilder(baseUrl.resolve("/v1/messages?beta=true"))
                .header("x-api-key", "sk-ant-api03-test")
                .header("anthropic-version", "2023-06-01")
                .header("content-type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    /** A Messages body for {@link #MODEL} with one user message. */
    static String body(boolean stream, String userText) {
        return """
                {"model":"%s","max_tokens":1024,"stream":%s,"messages":[{"role":"user","content":"%s"}]}"""
                .formatted(MODEL, stream, userText);
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return send(request.build());
    }
}
