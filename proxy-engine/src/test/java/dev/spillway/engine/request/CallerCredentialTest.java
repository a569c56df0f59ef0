package dev.spillway.engine.request;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CallerCredentialTest {

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void noTokenIsNoCredential(String token) {
        assertThat(CallerCredential.of(token)).isEmpty();
    }

    @Test
    void oauthTokenFromAClaudeLogin() {
        assertThat(CallerCredential.of("sk-ant-oat01-abcdef")).contains(
                new CallerCredential(CallerCredential.Kind.OAUTH, "sk-ant-oat01-abcdef"));
    }

    @Test
    void apiKeyAndAnythingElseIsAnApiKey() {
        assertThat(CallerCredential.of("sk-ant-api03-abcdef")).get()
                .extracting(CallerCredential::kind).isEqualTo(CallerCredential.Kind.API_KEY);
        assertThat(CallerCredential.of("some-other-key")).get()
                .extracting(CallerCredential::kind).isEqualTo(CallerCredential.Kind.API_KEY);
    }

    @Test
    void tokenIsTrimmed() {
        assertThat(CallerCredential.of("  sk-ant-oat01-xyz \n")).contains(
                new CallerCredential(CallerCredential.Kind.OAUTH, "sk-ant-oat01-xyz"));
    }

    @Test
    void toStringNeverShowsTheToken() {
        CallerCredential credential = CallerCredential.of("sk-ant-api03-secret").orElseThrow();

        assertThat(credential.toString()).doesNotContain("secret").contains("API_KEY");
    }
}
