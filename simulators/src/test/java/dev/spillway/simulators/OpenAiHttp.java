package dev.spillway.simulators;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain {@link HttpClient} speaking to the OpenAI simulator the way an OpenAI-compatible client would. */
final class OpenAiHttp {

    static final String MODEL = "gpt-4o-2024-08-06";
    static final String API_KEY = "sk-test-spillway-0123456789abcdef";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI baseUrl;

    OpenAiHttp(URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    HttpClient client() {
        return client;
    }

    /** A {@code POST /v1/chat/completions} with {@link #API_KEY} as bearer token and the given body. */
    HttpRequest.Builder chat(String body) {
        return post("/v1/chat/completions", body);
    }

    /** A {@code POST} of a JSON body to {@code path} with {@link #API_KEY} as bearer token. */
    HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(baseUrl.resolve(path))
                .header("authorization", "Bearer " + API_KEY)
                .header("content-type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    /** A {@code GET} of {@code path} with {@link #API_KEY} as bearer token. */
    HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(baseUrl.resolve(path))
                .header("authorization", "Bearer " + API_KEY)
                .timeout(Duration.ofSeconds(10))
                .GET();
    }

    /** A chat body for {@link #MODEL} with one user message; {@code includeUsage} null leaves out stream_options. */
    static String chatBody(boolean stream, Boolean includeUsage, String userText) {
        String streamOptions = includeUsage == null ? ""
                : ",\"stream_options\":{\"include_usage\":" + includeUsage + "}";
        return """
                {"model":"%s","stream":%s%s,"messages":[{"role":"system","content":"Be brief."},\
                {"role":"user","content":"%s"}]}""".formatted(MODEL, stream, streamOptions, userText);
    }

    /** A chat body without stream_options. */
    static String chatBody(boolean stream, String userText) {
        return chatBody(stream, null, userText);
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
