package dev.spillway.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.engine.json.Json;
import dev.spillway.engine.request.CallerCredential;
import dev.spillway.engine.request.ClientRequest;
import dev.spillway.engine.request.Operation;
import dev.spillway.engine.upstream.RequestHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CacheKeysTest {

    private static final String CALLER = "sk-ant-api03-caller-one";
    private static final String BODY = """
            {"model": "claude-sonnet-4-5", "max_tokens": 64, "temperature": 0.7,
             "messages": [{"role": "user", "content": "hi"}]}""";

    private static ClientRequest request(Operation operation, String body, boolean stream, Optional<String> caller,
            Map<String, List<String>> headers) {
        return new ClientRequest("req_1", operation, "", RequestHeaders.of(headers),
                body.getBytes(StandardCharsets.UTF_8), "claude-sonnet-4-5", stream, caller.flatMap(CallerCredential::of));
    }

    private static ClientRequest request(String body) {
        return request(Operation.MESSAGES, body, false, Optional.of(CALLER), Map.of());
    }

    private static String key(ClientRequest request) {
        return key(request, "claude-*", false);
    }

    private static String key(ClientRequest request, String group, boolean shared) {
        return CacheKeys.of(request, request.jsonCopy(), group, shared, Optional.empty());
    }

    @Test
    void isTheHexOfASha256() {
        assertThat(key(request(BODY))).hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void theOrderOfFieldsDoesNotMatterAtAnyLevel() {
        String reordered = """
                {"messages": [{"content": "hi", "role": "user"}], "temperature": 0.70,
                 "max_tokens": 64, "model": "claude-sonnet-4-5"}""";

        assertThat(key(request(reordered))).isEqualTo(key(request(BODY)));
    }

    @Test
    void theOrderOfMessagesDoes() {
        String a = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"},"
                + "{\"role\":\"user\",\"content\":\"b\"}]}";
        String b = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"b\"},"
                + "{\"role\":\"user\",\"content\":\"a\"}]}";

        assertThat(key(request(a))).isNotEqualTo(key(request(b)));
    }

    @Test
    void whatDecidesTheAnswerChangesTheKey() {
        String base = key(request(BODY));

        assertThat(key(request(BODY.replace("\"hi\"", "\"hello\"")))).isNotEqualTo(base);
        assertThat(key(request(BODY.replace("0.7", "0.2")))).isNotEqualTo(base);
        assertThat(key(request(BODY.replace("claude-sonnet-4-5", "claude-opus-4-5")))).isNotEqualTo(base);
        assertThat(key(request(BODY), "claude-sonnet", false)).isNotEqualTo(base);
        assertThat(key(request(Operation.MESSAGES, BODY, false, Optional.of(CALLER),
                Map.of("anthropic-beta", List.of("context-1m-2025-08-07"))))).isNotEqualTo(base);
        assertThat(CacheKeys.of(request(BODY), request(BODY).jsonCopy(), "claude-*", false, Optional.of("team-a")))
                .isNotEqualTo(base);
    }

    @Test
    void theDialectAndOperationAreParts() {
        assertThat(key(request(Operation.CHAT_COMPLETIONS, BODY, false, Optional.of(CALLER), Map.of())))
                .isNotEqualTo(key(request(BODY)));
        assertThat(key(request(Operation.COUNT_TOKENS, BODY, false, Optional.of(CALLER), Map.of())))
                .isNotEqualTo(key(request(BODY)));
    }

    @Test
    void volatileFieldsAreIgnored() {
        String noisy = """
                {"model": "claude-sonnet-4-5", "max_tokens": 64, "temperature": 0.7,
                 "messages": [{"role": "user", "content": "hi"}],
                 "stream": false, "stream_options": {"include_usage": true}, "cache": {"ttl": 5},
                 "metadata": {"user_id": "session-123"}, "user": "alice"}""";

        assertThat(key(request(noisy))).isEqualTo(key(request(BODY)));
    }

    @Test
    void aStreamAndACompleteAnswerNeverShareAKey() {
        assertThat(key(request(Operation.MESSAGES, BODY, true, Optional.of(CALLER), Map.of())))
                .isNotEqualTo(key(request(BODY)));
    }

    @Test
    void betasCountAsASetWhateverTheirOrder() {
        var one = request(Operation.MESSAGES, BODY, false, Optional.of(CALLER),
                Map.of("anthropic-beta", List.of("b-beta, a-beta")));
        var other = request(Operation.MESSAGES, BODY, false, Optional.of(CALLER),
                Map.of("anthropic-beta", List.of("a-beta", "b-beta")));

        assertThat(key(one)).isEqualTo(key(other));
    }

    @Test
    void claudeCodesBillingBlockIsIgnored() {
        String withBlock = """
                {"model": "m", "system": [
                   {"type": "text", "text": "x-anthropic-billing-header: cc_version=2.1.69; cc_entrypoint=cli; cch=6cbf8;"},
                   {"type": "text", "text": "You are Claude Code."}],
                 "messages": [{"role": "user", "content": "hi"}]}""";
        String otherFingerprint = withBlock.replace("cch=6cbf8", "cch=00000");
        String withoutBlock = """
                {"model": "m", "system": [{"type": "text", "text": "You are Claude Code."}],
                 "messages": [{"role": "user", "content": "hi"}]}""";
        String otherPrompt = withBlock.replace("You are Claude Code.", "You are someone else.");

        assertThat(key(request(withBlock))).isEqualTo(key(request(otherFingerprint)))
                .isEqualTo(key(request(withoutBlock)))
                .isNotEqualTo(key(request(otherPrompt)));
    }

    @Test
    void eachCallerHasItsOwnEntries() {
        String mine = key(request(BODY));
        String theirs = key(request(Operation.MESSAGES, BODY, false, Optional.of("sk-ant-api03-caller-two"),
                Map.of()));
        String anonymous = key(request(Operation.MESSAGES, BODY, false, Optional.empty(), Map.of()));

        assertThat(mine).isNotEqualTo(theirs).isNotEqualTo(anonymous);
        assertThat(theirs).isNotEqualTo(anonymous);
    }

    @Test
    void aSharedCacheServesEveryCaller() {
        String mine = key(request(BODY), "claude-*", true);
        String theirs = key(request(Operation.MESSAGES, BODY, false, Optional.of("sk-ant-api03-caller-two"),
                Map.of()), "claude-*", true);
        String anonymous = key(request(Operation.MESSAGES, BODY, false, Optional.empty(), Map.of()), "claude-*", true);

        assertThat(mine).isEqualTo(theirs).isEqualTo(anonymous);
    }

    @Test
    void theCallerIdentityIsAHashNotTheCredential() {
        String identity = CacheKeys.callerIdentity(request(BODY));

        assertThat(identity).hasSize(64).doesNotContain("caller-one");
    }

    @Test
    void canonicalJsonSortsKeysAndNormalisesNumbers() {
        assertThat(CacheKeys.canonicalText(Json.parseObject(
                "{\"b\": [1.50, {\"z\": 1, \"a\": 2.0}], \"a\": null, \"c\": true, \"d\": \"t\"}"
                        .getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("{\"a\":null,\"b\":[1.5,{\"a\":2,\"z\":1}],\"c\":true,\"d\":\"t\"}");
    }
}
