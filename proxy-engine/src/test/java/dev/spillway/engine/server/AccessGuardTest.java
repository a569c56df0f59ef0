package dev.spillway.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.engine.request.CallerCredential;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccessGuardTest {

    private static final String MASTER = "sk-spillway-master-7f3a9c";
    private static final String API_KEY = "sk-ant-api03-callers-own-key";
    private static final String OAUTH = "sk-ant-oat01-callers-login-token";
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");

    private static AccessGuard open() {
        return new AccessGuard(Optional.empty(), false, List.of(), LOOPBACK);
    }

    private static AccessGuard keyed(boolean allowClientCredentials) {
        return new AccessGuard(Optional.of(MASTER), allowClientCredentials, List.of(), LOOPBACK);
    }

    /** Header names and values, as a client would send them; Host is 127.0.0.1:47000 unless given. */
    private static AccessGuard.Presented headers(String... namesAndValues) {
        HeaderMap map = new HeaderMap();
        map.put(new HttpString("Host"), "127.0.0.1:47000");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(new HttpString(namesAndValues[i]), namesAndValues[i + 1]);
        }
        return AccessGuard.Presented.from(map);
    }

    private static Optional<CallerCredential> allowedWith(AccessGuard guard, AccessGuard.Presented presented) {
        AccessGuard.Decision decision = guard.check(presented);
        assertThat(decision).isInstanceOf(AccessGuard.Allowed.class);
        return ((AccessGuard.Allowed) decision).credential();
    }

    private static AccessGuard.Refused refused(AccessGuard guard, AccessGuard.Presented presented) {
        AccessGuard.Decision decision = guard.check(presented);
        assertThat(decision).isInstanceOf(AccessGuard.Refused.class);
        return (AccessGuard.Refused) decision;
    }

    @Test
    void withoutAMasterKeyEveryoneIsAllowed() {
        assertThat(open().requiresKey()).isFalse();
        assertThat(allowedWith(open(), headers())).isEmpty();
    }

    @Test
    void withoutAMasterKeyTheCredentialIsTheApiKeyHeaderFirst() {
        Optional<CallerCredential> credential = allowedWith(open(),
                headers("x-api-key", API_KEY, "Authorization", "Bearer " + OAUTH));

        assertThat(credential).contains(new CallerCredential(CallerCredential.Kind.API_KEY, API_KEY));
    }

    @Test
    void withoutAMasterKeyABearerTokenIsTheCredential() {
        assertThat(allowedWith(open(), headers("Authorization", "Bearer " + OAUTH)))
                .contains(new CallerCredential(CallerCredential.Kind.OAUTH, OAUTH));
        assertThat(allowedWith(open(), headers("x-api-key", "  ", "authorization", "bearer " + OAUTH)))
                .contains(new CallerCredential(CallerCredential.Kind.OAUTH, OAUTH));
    }

    @Test
    void masterKeyAsBearerTokenIsAcceptedAndNotPassedOn() {
        assertThat(keyed(false).requiresKey()).isTrue();
        assertThat(allowedWith(keyed(false), headers("Authorization", "Bearer " + MASTER))).isEmpty();
    }

    @Test
    void masterKeyAsApiKeyIsAcceptedAndTheBearerTokenBecomesTheCredential() {
        Optional<CallerCredential> credential = allowedWith(keyed(false),
                headers("x-api-key", MASTER, "Authorization", "Bearer " + OAUTH));

        assertThat(credential).contains(new CallerCredential(CallerCredential.Kind.OAUTH, OAUTH));
    }

    @Test
    void masterKeyInSpillwayHeaderLetsTheCallersOwnKeyThrough() {
        Optional<CallerCredential> credential = allowedWith(keyed(false),
                headers("x-spillway-key", MASTER, "x-api-key", API_KEY));

        assertThat(credential).contains(new CallerCredential(CallerCredential.Kind.API_KEY, API_KEY));
    }

    @Test
    void masterKeyInLiteLlmHeaderIsAcceptedToo() {
        Optional<CallerCredential> credential = allowedWith(keyed(false),
                headers("x-litellm-api-key", " " + MASTER + " ", "Authorization", "Bearer " + OAUTH));

        assertThat(credential).contains(new CallerCredential(CallerCredential.Kind.OAUTH, OAUTH));
    }

    @Test
    void masterKeyNeverBecomesTheCredentialWhereverItIsSent() {
        assertThat(allowedWith(keyed(false), headers("x-spillway-key", MASTER, "x-api-key", MASTER,
                "Authorization", "Bearer " + MASTER))).isEmpty();
        assertThat(allowedWith(open(), headers("x-api-key", "whatever")))
                .as("without a master key nothing is taken away").isPresent();
    }

    @Test
    void anthropicCredentialAlonePassesWhenClientCredentialsAreAllowed() {
        assertThat(allowedWith(keyed(true), headers("Authorization", "Bearer " + OAUTH)))
                .contains(new CallerCredential(CallerCredential.Kind.OAUTH, OAUTH));
        assertThat(allowedWith(keyed(true), headers("x-api-key", API_KEY)))
                .contains(new CallerCredential(CallerCredential.Kind.API_KEY, API_KEY));
    }

    @Test
    void anthropicCredentialAloneIsRefusedWhenClientCredentialsAreNotAllowed() {
        AccessGuard.Refused refusal = refused(keyed(false), headers("x-api-key", API_KEY));

        assertThat(refusal.status()).isEqualTo(401);
    }

    @Test
    void clientCredentialsMustLookLikeAnthropicOnes() {
        assertThat(refused(keyed(true), headers("x-api-key", "not-an-anthropic-key")).status()).isEqualTo(401);
    }

    @Test
    void wrongSpillwayKeyIsRefusedEvenWithAnAnthropicCredential() {
        AccessGuard.Refused refusal = refused(keyed(true),
                headers("x-spillway-key", "sk-wrong-guess", "x-api-key", API_KEY));

        assertThat(refusal.status()).isEqualTo(401);
        assertThat(refusal.message()).contains("not valid");
    }

    @Test
    void wrongKeyIsRefusedWithAHelpfulMessageThatDoesNotEchoIt() {
        AccessGuard.Refused refusal = refused(keyed(false), headers("Authorization", "Bearer sk-wrong-guess-123"));

        assertThat(refusal.status()).isEqualTo(401);
        assertThat(refusal.errorType()).isEqualTo("authentication_error");
        assertThat(refusal.message())
                .contains("not valid", "x-api-key", "Authorization: Bearer", "x-spillway-key", "ANTHROPIC_CUSTOM_HEADERS")
                .doesNotContain("sk-wrong-guess-123")
                .doesNotContain(MASTER);
    }

    @Test
    void missingKeyIsRefusedSayingOneIsRequired() {
        AccessGuard.Refused refusal = refused(keyed(false), headers());

        assertThat(refusal.status()).isEqualTo(401);
        assertThat(refusal.message()).startsWith("This Spillway proxy requires a key.");
    }

    @Test
    void prefixOfTheMasterKeyIsNotTheMasterKey() {
        assertThat(refused(keyed(false), headers("x-api-key", MASTER.substring(0, MASTER.length() - 1))).status())
                .isEqualTo(401);
        assertThat(refused(keyed(false), headers("x-api-key", MASTER + "x")).status()).isEqualTo(401);
    }

    @Test
    void foreignOriginIsRefusedEvenWithTheMasterKey() {
        AccessGuard.Refused refusal = refused(keyed(false),
                headers("Origin", "https://evil.example", "x-api-key", MASTER));

        assertThat(refusal.status()).isEqualTo(403);
        assertThat(refusal.errorType()).isEqualTo("permission_error");
        assertThat(refusal.message()).contains("https://evil.example", "allowed_origins");
    }

    @Test
    void allowedOriginPassesWhateverItsCase() {
        AccessGuard guard = new AccessGuard(Optional.empty(), false, List.of("http://localhost:3000"), LOOPBACK);

        assertThat(guard.check(headers("Origin", "http://LOCALHOST:3000"))).isInstanceOf(AccessGuard.Allowed.class);
        assertThat(refused(guard, headers("Origin", "http://localhost:3001")).status()).isEqualTo(403);
    }

    @Test
    void starAllowsEveryOrigin() {
        AccessGuard guard = new AccessGuard(Optional.empty(), false, List.of("*"), LOOPBACK);

        assertThat(guard.check(headers("Origin", "https://anything.example"))).isInstanceOf(AccessGuard.Allowed.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:47000", "127.0.0.1", "localhost", "localhost:47000", "LocalHost:47000",
        "[::1]:47000", "[::1]"})
    void loopbackHostsPass(String host) {
        assertThat(open().check(headers("Host", host))).isInstanceOf(AccessGuard.Allowed.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example:47000", "evil.example", "localhost.evil.example:47000",
        "127.0.0.1.nip.io:47000", "[::2]:47000"})
    void otherHostsAreRefusedAgainstDnsRebinding(String host) {
        AccessGuard.Refused refusal = refused(keyed(false), headers("Host", host, "x-api-key", MASTER));

        assertThat(refusal.status()).isEqualTo(403);
        assertThat(refusal.errorType()).isEqualTo("permission_error");
        assertThat(refusal.message()).contains(host);
    }

    @Test
    void missingHostIsRefusedWhenHostsAreChecked() {
        AccessGuard.Presented noHost = new AccessGuard.Presented(null, null, null, null, null);

        assertThat(refused(open(), noHost).status()).isEqualTo(403);
    }

    @Test
    void emptyAllowedHostsAcceptAnyHost() {
        AccessGuard guard = new AccessGuard(Optional.empty(), false, List.of(), Set.of());

        assertThat(guard.check(headers("Host", "evil.example:47000"))).isInstanceOf(AccessGuard.Allowed.class);
        assertThat(guard.check(new AccessGuard.Presented(null, null, null, null, null)))
                .isInstanceOf(AccessGuard.Allowed.class);
    }
}
