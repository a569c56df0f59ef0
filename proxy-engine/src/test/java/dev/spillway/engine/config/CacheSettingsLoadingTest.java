package dev.spillway.engine.config;

import static dev.spillway.engine.config.TestConfigs.errorOf;
import static dev.spillway.engine.config.TestConfigs.minimalWith;
import static dev.spillway.engine.config.TestConfigs.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CacheSettingsLoadingTest {

    @Test
    void theCacheIsOffUnlessConfigured() {
        SpillwayConfig config = parse(TestConfigs.MINIMAL);

        assertThat(config.cache()).isEqualTo(CacheSettings.disabled());
        assertThat(config.cache().enabled()).isFalse();
    }

    @Test
    void cacheTrueAloneGivesALocalCacheWithDefaults() {
        SpillwayConfig config = parse(minimalWith("""
                litellm_settings:
                  cache: true
                """));

        assertThat(config.cache()).isEqualTo(new CacheSettings(true, Duration.ofSeconds(600), 1000, false, false));
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void everyCacheParamIsRead() {
        SpillwayConfig config = parse(minimalWith("""
                litellm_settings:
                  cache: true
                  cache_params:
                    type: local
                    ttl: 90
                    max_entries: 50
                    mode: default_off
                    shared: true
                """));

        assertThat(config.cache()).isEqualTo(new CacheSettings(true, Duration.ofSeconds(90), 50, true, true));
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void defaultOnIsTheDefaultMode() {
        SpillwayConfig config = parse(minimalWith("""
                litellm_settings:
                  cache: true
                  cache_params: {mode: default_on, ttl: 1.5}
                """));

        assertThat(config.cache().defaultOff()).isFalse();
        assertThat(config.cache().ttl()).isEqualTo(Duration.ofMillis(1500));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "redis",
        "redis-semantic",
        "s3",
        "disk",
    })
    void onlyTheLocalTypeIsSupported(String type) {
        assertThat(errorOf(minimalWith("""
                litellm_settings:
                  cache: true
                  cache_params: {type: %s}
                """.formatted(type))))
                .isEqualTo("config.yaml: litellm_settings.cache_params.type: cache type \"" + type
                        + "\" is not supported; Spillway supports only type: local (an in-memory cache in the "
                        + "Spillway process)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ttl: 0           | litellm_settings.cache_params.ttl: expected a number of seconds greater than 0, found 0",
        "ttl: soon        | litellm_settings.cache_params.ttl: expected a number of seconds, found \"soon\"",
        "max_entries: 0   | litellm_settings.cache_params.max_entries: expected a whole number (1 or more), found 0",
        "mode: sometimes  | litellm_settings.cache_params.mode: expected default_on or default_off, found \"sometimes\"",
        "shared: yes-ish  | litellm_settings.cache_params.shared: expected true or false, found \"yes-ish\"",
    })
    void wrongValuesNameTheirPath(String param, String expected) {
        assertThat(errorOf(minimalWith("""
                litellm_settings:
                  cache: true
                  cache_params: {%s}
                """.formatted(param)))).isEqualTo("config.yaml: " + expected);
    }

    @Test
    void cacheMustBeABoolean() {
        assertThat(errorOf(minimalWith("""
                litellm_settings:
                  cache: {type: local}
                """))).isEqualTo("config.yaml: litellm_settings.cache: expected true or false, found a map");
    }

    @Test
    void liteLlmOnlyParamsAreWarnedAbout() {
        SpillwayConfig config = parse(minimalWith("""
                litellm_settings:
                  cache: true
                  cache_params:
                    type: local
                    namespace: litellm.caching
                    supported_call_types: [acompletion]
                    redis_startup_nodes: []
                    ttll: 5
                """));

        assertThat(config.cache().enabled()).isTrue();
        assertThat(config.warnings()).containsExactly(
                "config.yaml: litellm_settings.cache_params.namespace: not supported by Spillway yet; ignored",
                "config.yaml: litellm_settings.cache_params.supported_call_types: not supported by Spillway yet; "
                        + "ignored",
                "config.yaml: litellm_settings.cache_params.redis_startup_nodes: not supported by Spillway yet; "
                        + "ignored",
                "config.yaml: litellm_settings.cache_params.ttll: unknown key; ignored (did you mean ttl?)");
    }

    @Test
    void cacheParamsWithoutCacheTrueAreIgnoredWithAWarning() {
        SpillwayConfig config = parse(minimalWith("""
                litellm_settings:
                  cache_params: {type: local, ttl: 60}
                """));

        assertThat(config.cache().enabled()).isFalse();
        assertThat(config.warnings()).containsExactly(
                "config.yaml: litellm_settings.cache_params: ignored because litellm_settings.cache is not true");
    }
}
