package dev.spillway.engine.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code litellm_settings.cache} and {@code litellm_settings.cache_params}. */
final class CacheSettingsMapper {

    private static final String EXPECTED = "a map of cache settings, e.g. {type: local, ttl: 600}";
    private static final String SUPPORTED_TYPE = "local";

    /** {@code cache_params} keys: Spillway's, and LiteLLM's for the backends and features it does not have. */
    private static final SectionKeys KEYS = new SectionKeys(
            Set.of("type", "ttl", "max_entries", "mode", "shared"),
            Set.of("host", "port", "password", "username", "namespace", "supported_call_types",
                    "default_in_memory_ttl", "default_in_redis_ttl", "similarity_threshold", "max_connections",
                    "startup_nodes", "service_name", "sentinel_nodes", "sentinel_password", "ssl", "url",
                    "disk_cache_dir", "azure_account_url", "azure_blob_container", "gcp_service_account",
                    "gcp_ssl_ca_certs", "redis_semantic_cache_embedding_model", "redis_semantic_cache_index_name",
                    "redis_flush_size", "redis_startup_nodes"),
            List.of("redis_", "s3_", "qdrant_", "gcs_", "azure_"));

    private CacheSettingsMapper() {}

    static CacheSettings read(ConfigNode litellm) {
        ConfigNode params = litellm.get("cache_params");
        boolean enabled = litellm.get("cache").optionalBoolean().orElse(false);
        KEYS.warnAboutIgnoredKeys(params, EXPECTED);
        ConfigNode typeNode = params.get("type");
        typeNode.optionalString().map(t -> t.trim().toLowerCase(Locale.ROOT)).ifPresent(type -> {
            if (!type.equals(SUPPORTED_TYPE)) {
                throw typeNode.error("cache type " + typeNode.shownValue() + " is not supported; Spillway supports "
                        + "only type: local (an in-memory cache in the Spillway process)");
            }
        });
        Duration ttl = params.get("ttl").optionalSeconds(false).orElse(CacheSettings.DEFAULT_TTL);
        int maxEntries = params.get("max_entries").optionalInt(1).orElse(CacheSettings.DEFAULT_MAX_ENTRIES);
        ConfigNode modeNode = params.get("mode");
        boolean defaultOff = modeNode.optionalString().map(m -> switch (m.trim().toLowerCase(Locale.ROOT)) {
            case "default_on" -> false;
            case "default_off" -> true;
            default -> throw modeNode.expected("default_on or default_off");
        }).orElse(false);
        boolean shared = params.get("shared").optionalBoolean().orElse(false);
        if (!enabled && params.isSet()) {
            params.warn("ignored because litellm_settings.cache is not true");
        }
        return new CacheSettings(enabled, ttl, maxEntries, defaultOff, shared);
    }
}
