package dev.spillway.simulators;

import static dev.spillway.simulators.OpenAiHttp.chatBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAI simulator's other routes (legacy completions, models), its refusals (credentials, unknown routes, bad
 * bodies) and its scripted error replies, on the wire.
 */
class OpenAiSimulatorRoutesTest {

    private static final String LEGACY_MODEL = "gpt-3.5-turbo-instruct";

    private OpenAiSimulator openAi;
    private OpenAiHttp http;

    @BeforeEach
    void start() {
        openAi = OpenAiSimulator.start();
        http = new OpenAiHttp(openAi.baseUrl());
    }

    @AfterEach
    void stop() {
        openAi.close();
    }

    @Test
    void legacyCompletionIsATextCompletionOfThePrompt() throws Exception {
        HttpResponse<String> response = http.send(http.post("/v1/completions",
                "{\"model\":\"" + LEGACY_MODEL + "\",\"prompt\":\"Say this is a test\",\"max_tokens\":7}"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode completion = Json.parse(response.body());
        assertThat(completion.path("id").asText()).matches("cmpl-[0-9A-Za-z]{29}");
        assertThat(completion.path("object").asText()).isEqualTo("text_completion");
        assertThat(completion.path("model").asText()).isEqualTo(LEGACY_MODEL);
        assertThat(completion.path("choices")).containsExactly(Json.parse("""
                {"text":"Echo: Say this is a test","index":0,"logprobs":null,"finish_reason":"stop"}"""));
        assertThat(completion.path("usage").fieldNames()).toIterable()
                .containsExactly("prompt_tokens", "completion_tokens", "total_tokens");
        RecordedRequest request = openAi.takeRequest();
        assertThat(request.path()).isEqualTo("/v1/completions");
        assertThat(request.modelId()).isEqualTo(LEGACY_MODEL);
    }

    @Test
    void streamedLegacyCompletionEndsWithAFinishChunkUsageAndDone() throws Exception {
        openAi.enqueue(OpenAiReply.text("This is a test.").withUsage(5, 4, 0).withFinishReason("length"));

        HttpResponse<String> response = http.send(http.post("/v1/completions", "{\"model\":\"" + LEGACY_MODEL
                + "\",\"prompt\":[\"Say\"],\"stream\":true,\"stream_options\":{\"include_usage\":true}}"));

        assertThat(response.headers().firstValue("content-type")).contains("text/event-stream; charset=utf-8");
        List<JsonNode> chunks = DataEvents.chunksBeforeDone(response.body());
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.path("object").asText()).isEqualTo("text_completion");
            assertThat(chunk.path("id").asText()).isEqualTo(chunks.get(0).path("id").asText());
        });
        List<JsonNode> choices = chunks.subList(0, chunks.size() - 1).stream()
                .map(chunk -> chunk.path("choices").get(0)).toList();
        assertThat(choices.stream().map(choice -> choice.path("text").asText()).reduce("", String::concat))
                .isEqualTo("This is a test.");
        assertThat(choices.subList(0, choices.size() - 1))
                .allSatisfy(choice -> assertThat(choice.get("finish_reason").isNull()).isTrue());
        assertThat(choices.get(choices.size() - 1)).isEqualTo(Json.parse(
                "{\"text\":\"\",\"index\":0,\"logprobs\":null,\"finish_reason\":\"length\"}"));
        JsonNode usage = chunks.get(chunks.size() - 1);
        assertThat(usage.path("choices")).isEmpty();
        assertThat(usage.path("usage")).isEqualTo(Json.parse(
                "{\"prompt_tokens\":5,\"completion_tokens\":4,\"total_tokens\":9}"));
    }

    @Test
    void modelsAreListedInTheApiShape() throws Exception {
        HttpResponse<String> response = http.send(http.get("/v1/models"));
        HttpResponse<String> prefixed = http.send(http.get("/api/v1/models"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode list = Json.parse(response.body());
        assertThat(list.path("object").asText()).isEqualTo("list");
        assertThat(list.path("data").findValuesAsText("id")).contains("gpt-4o", "gpt-4o-mini", LEGACY_MODEL);
        assertThat(list.path("data")).allSatisfy(model -> {
            assertThat(model.fieldNames()).toIterable().containsExactly("id", "object", "created", "owned_by");
            assertThat(model.path("object").asText()).isEqualTo("model");
            assertThat(model.path("created").isIntegralNumber()).isTrue();
        });
        assertThat(Json.parse(prefixed.body())).isEqualTo(list);
    }

    @Test
    void requiredApiKeyRefusesAWrongKeyWithItMasked() throws Exception {
        openAi.requireApiKey("sk-proj-test-right");
        String wrongKey = "sk-test-PMafPwrongwrongwrongE873";

        HttpResponse<String> wrong = http.send(http.chat(chatBody(false, "Hi"))
                .setHeader("authorization", "Bearer " + wrongKey));

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("x-request-id")).isPresent();
        assertThat(Json.parse(wrong.body())).isEqualTo(Json.parse("""
                {"error":{"message":"Incorrect API key provided: sk-test-%sE873. You can find your API key at \
                https://platform.openai.com/account/api-keys.",\
                "type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""".formatted("*".repeat(20))));
        assertThat(openAi.takeRequest().header("authorization")).isEqualTo("Bearer " + wrongKey);
    }

    @Test
    void requiredApiKeyRefusesAMissingKeyAndAcceptsTheRightOneOnEveryRoute() throws Exception {
        openAi.requireApiKey(OpenAiHttp.API_KEY);

        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(openAi.baseUrl().resolve("/v1/models")));
        HttpResponse<String> models = http.send(http.get("/v1/models"));
        HttpResponse<String> chat = http.send(http.chat(chatBody(false, "Hi")));
        openAi.requireApiKey(null);
        HttpResponse<String> unchecked = http.send(HttpRequest.newBuilder(openAi.baseUrl().resolve("/v1/models")));

        assertThat(missing.statusCode()).isEqualTo(401);
        JsonNode error = Json.parse(missing.body()).path("error");
        assertThat(error.path("message").asText()).startsWith("You didn't provide an API key.");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("code").isNull()).isTrue();
        assertThat(models.statusCode()).isEqualTo(200);
        assertThat(chat.statusCode()).isEqualTo(200);
        assertThat(unchecked.statusCode()).isEqualTo(200);
    }

    @Test
    void unknownRoutesAreInvalidUrls() throws Exception {
        HttpResponse<String> typo = http.send(http.post("/v1/chat/completion", chatBody(false, "Hi")));
        HttpResponse<String> wrongMethod = http.send(http.get("/v1/chat/completions"));

        assertThat(typo.statusCode()).isEqualTo(404);
        assertThat(Json.parse(typo.body())).isEqualTo(Json.parse("""
                {"error":{"message":"Invalid URL (POST /v1/chat/completion)","type":"invalid_request_error",\
                "param":null,"code":null}}"""));
        assertThat(wrongMethod.statusCode()).isEqualTo(404);
        assertThat(Json.parse(wrongMethod.body()).path("error").path("message").asText())
                .isEqualTo("Invalid URL (GET /v1/chat/completions)");
        assertThat(openAi.requestCount()).isEqualTo(2);
    }

    @Test
    void badBodiesAreRefusedWithoutConsumingAReply() throws Exception {
        openAi.enqueue(OpenAiReply.text("kept for the valid request"));

        HttpResponse<String> notJson = http.send(http.chat("{\"model\":"));
        HttpResponse<String> noModel = http.send(http.chat("{\"messages\":[]}"));
        HttpResponse<String> noMessages = http.send(http.chat("{\"model\":\"gpt-4o\"}"));
        HttpResponse<String> noPrompt = http.send(http.post("/v1/completions", "{\"model\":\"gpt-4o\"}"));
        HttpResponse<String> valid = http.send(http.chat(chatBody(false, "Hi")));

        assertThat(List.of(notJson, noModel, noMessages, noPrompt)).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(Json.parse(response.body()).path("error").path("type").asText())
                    .isEqualTo("invalid_request_error");
        });
        assertThat(Json.parse(notJson.body()).path("error").path("message").asText())
                .startsWith("We could not parse the JSON body of your request.");
        assertThat(Json.parse(noModel.body()).path("error").path("message").asText())
                .isEqualTo("you must provide a model parameter");
        assertThat(Json.parse(noMessages.body())).isEqualTo(Json.parse("""
                {"error":{"message":"Missing required parameter: 'messages'.","type":"invalid_request_error",\
                "param":"messages","code":"missing_required_parameter"}}"""));
        assertThat(Json.parse(noPrompt.body()).path("error").path("param").asText()).isEqualTo("prompt");
        assertThat(Json.parse(valid.body()).path("choices").get(0).path("message").path("content").asText())
                .isEqualTo("kept for the valid request");
        assertThat(openAi.requestCount()).isEqualTo(5);
    }

    @Test
    void rateLimitHasTheApiShapeAndHeaders() throws Exception {
        openAi.enqueue(OpenAiReply.rateLimited(20));

        HttpResponse<String> response = http.send(http.chat(chatBody(true, "Hi")));

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        assertThat(response.headers().allValues("retry-after")).containsExactly("20");
        assertThat(response.headers().allValues("x-ratelimit-remaining-requests")).containsExactly("0");
        JsonNode error = Json.parse(response.body()).path("error");
        assertThat(error.fieldNames()).toIterable().containsExactly("message", "type", "param", "code");
        assertThat(error.path("message").asText()).startsWith("Rate limit reached for requests");
        assertThat(error.path("type").asText()).isEqualTo("requests");
        assertThat(error.get("param").isNull()).isTrue();
        assertThat(error.path("code").asText()).isEqualTo("rate_limit_exceeded");
    }

    @Test
    void otherScriptedErrorsHaveTheirStatusTypeCodeAndParam() throws Exception {
        openAi.enqueue(OpenAiReply.contextLengthExceeded());
        openAi.enqueue(OpenAiReply.contentFiltered());
        openAi.enqueue(OpenAiReply.serverError());
        openAi.enqueue(OpenAiReply.error(503, "service_unavailable", null, "The engine is currently overloaded."));

        List<HttpResponse<String>> responses = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            responses.add(http.send(http.chat(chatBody(i % 2 == 0, "Hi"))));
        }

        assertThat(responses).extracting(HttpResponse::statusCode).containsExactly(400, 400, 500, 503);
        JsonNode context = Json.parse(responses.get(0).body()).path("error");
        assertThat(context.path("message").asText()).startsWith("This model's maximum context length is ");
        assertThat(context.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(context.path("param").asText()).isEqualTo("messages");
        assertThat(context.path("code").asText()).isEqualTo("context_length_exceeded");
        JsonNode filtered = Json.parse(responses.get(1).body()).path("error");
        assertThat(filtered.path("code").asText()).isEqualTo("content_filter");
        assertThat(filtered.path("param").asText()).isEqualTo("prompt");
        assertThat(filtered.get("type").isNull()).isTrue();
        JsonNode server = Json.parse(responses.get(2).body()).path("error");
        assertThat(server.path("type").asText()).isEqualTo("server_error");
        assertThat(server.get("code").isNull()).isTrue();
        assertThat(Json.parse(responses.get(3).body())).isEqualTo(Json.parse("""
                {"error":{"message":"The engine is currently overloaded.","type":"service_unavailable",\
                "param":null,"code":null}}"""));
    }

    @Test
    void maskingKeepsEightLeadingAndFourTrailingCharacters() {
        assertThat(OpenAiError.mask("sk-PMafPabcdefghijklmnopqrstuvwxyzabcdefghijklmE873"))
                .isEqualTo("sk-PMafP" + "*".repeat(39) + "E873");
        assertThat(OpenAiError.mask("API_KEY")).isEqualTo("API_KEY");
    }
}
