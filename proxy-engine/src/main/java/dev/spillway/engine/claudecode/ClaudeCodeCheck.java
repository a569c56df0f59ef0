package dev.spillway.engine.claudecode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends one real request through the proxy with the credential Claude Code itself would send (its own precedence:
 * {@code ANTHROPIC_AUTH_TOKEN}, {@code ANTHROPIC_API_KEY}, {@code CLAUDE_CODE_OAUTH_TOKEN}, then the stored login),
 * taken from the environment and the settings files' {@code env} blocks, and reports which provider answered.
 */
public final class ClaudeCodeCheck {

    /** The model asked when none is given: Haiku, the cheapest. */
    public static final String DEFAULT_MODEL = "claude-haiku-4-5-20251001";
    private static final String OAUTH_BETA = "oauth-2025-04-20";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What the test request got.
     *
     * @param status the HTTP status, or 0 if the proxy could not be reached
     * @param provider the provider that answered ({@code x-spillway-provider}), if any
     * @param modelGroup the model group that served it ({@code x-litellm-model-group}), if any
     * @param credential which credential was sent (its kind, never its value)
     * @param millis how long the request took
     * @param detail the answer's text, or the error message
     */
    public record Result(int status, Optional<String> provider, Optional<String> modelGroup, String credential,
            long millis, String detail) {

        public boolean ok() {
            return status == 200;
        }
    }

    private final ClaudeCodeFiles files;
    private final Map<String, String> env;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ClaudeCodeCheck(ClaudeCodeFiles files, Map<String, String> env) {
        this.files = files;
        this.env = env;
    }

    /** The environment Claude Code would see: the process's, overlaid by each settings file's {@code env}, in order. */
    Map<String, String> effectiveEnvironment() {
        Map<String, String> effective = new HashMap<>(env);
        List<Path> lowToHigh = new ArrayList<>();
        lowToHigh.add(files.userSettings());
        lowToHigh.addAll(files.projectSettings());
        lowToHigh.addAll(files.managedSettings());
        for (Path file : lowToHigh) {
            SettingsJson.lenient(file).path("env").properties().forEach(e -> {
                if (e.getValue().isValueNode()) {
                    effective.put(e.getKey(), e.getValue().asText());
                }
            });
        }
        return effective;
    }

    /** Sends {@code model} a one-line prompt through {@code baseUrl}. */
    public Result test(URI baseUrl, String model) throws InterruptedException {
        Map<String, String> effective = effectiveEnvironment();
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve("/v1/messages"))
                .timeout(Duration.ofSeconds(60))
                .header("content-type", "application/json")
                .header("anthropic-version", "2023-06-01")
                .header("user-agent", "spillway-test-claude");
        String credential = credential(effective, request);
        ObjectNode body = JSON.createObjectNode().put("model", model).put("max_tokens", 16);
        body.putArray("messages").addObject().put("role", "user").put("content", "Reply with the word OK.");
        request.POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        long start = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Result(0, Optional.empty(), Optional.empty(), credential, elapsed(start),
                    "cannot reach Spillway at " + baseUrl + " (" + e.getClass().getSimpleName()
                            + "): is it running? Start it with ./spillway serve");
        }
        return new Result(response.statusCode(), response.headers().firstValue("x-spillway-provider"),
                response.headers().firstValue("x-litellm-model-group"), credential, elapsed(start),
                detail(response));
    }

    private String credential(Map<String, String> effective, HttpRequest.Builder request) {
        String token = nonBlank(effective.get("ANTHROPIC_AUTH_TOKEN"));
        if (token != null) {
            request.header("authorization", "Bearer " + token);
            return "ANTHROPIC_AUTH_TOKEN (as Authorization: Bearer)";
        }
        String key = nonBlank(effective.get("ANTHROPIC_API_KEY"));
        if (key != null) {
            request.header("x-api-key", key);
            return "ANTHROPIC_API_KEY (as x-api-key)";
        }
        String oauth = nonBlank(effective.get("CLAUDE_CODE_OAUTH_TOKEN"));
        if (oauth != null) {
            request.header("authorization", "Bearer " + oauth).header("anthropic-beta", OAUTH_BETA);
            return "CLAUDE_CODE_OAUTH_TOKEN (as Authorization: Bearer)";
        }
        String stored = nonBlank(SettingsJson.lenient(files.credentials()).path("claudeAiOauth").path("accessToken")
                .textValue());
        if (stored != null) {
            request.header("authorization", "Bearer " + stored).header("anthropic-beta", OAUTH_BETA);
            return "the claude.ai login in " + files.credentials() + " (as Authorization: Bearer)";
        }
        return "none (Claude Code has no credential: set ANTHROPIC_API_KEY or run claude /login)";
    }

    private static String detail(HttpResponse<String> response) {
        try {
            JsonNode json = JSON.readTree(response.body());
            if (response.statusCode() == 200) {
                StringBuilder text = new StringBuilder();
                json.path("content").forEach(block -> text.append(block.path("text").asText("")));
                return text.toString().strip();
            }
            String message = json.path("error").path("message").asText(null);
            return message != null ? message : response.body();
        } catch (IOException notJson) {
            return response.body().length() > 300 ? response.body().substring(0, 300) + "…" : response.body();
        }
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static long elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }
}
