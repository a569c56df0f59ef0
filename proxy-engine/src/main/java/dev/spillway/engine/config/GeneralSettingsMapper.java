package dev.spillway.engine.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code general_settings}. */
final class GeneralSettingsMapper {

    private static final String EXPECTED = "a map of settings";
    private static final String ORIGIN_EXPECTED = "an origin such as http://localhost:3000 (scheme, host and "
            + "optional port; no path or trailing slash) or \"*\"";

    private static final SectionKeys KEYS = new SectionKeys(
            Set.of("master_key", "allow_client_credentials", "allowed_origins", "database_url",
                    "spend_retention_days"),
            Set.of("database_connection_pool_limit", "database_connection_timeout",
                    "proxy_batch_write_at", "custom_auth", "custom_auth_settings", "pass_through_endpoints",
                    "allow_requests_on_db_unavailable", "disable_spend_logs", "disable_error_logs",
                    "store_prompts_in_spend_logs", "forward_client_headers_to_llm_api",
                    "forward_llm_provider_auth_headers", "max_parallel_requests", "global_max_parallel_requests",
                    "background_health_checks", "health_check_interval", "health_check_details", "alerting",
                    "alerting_threshold", "alert_types", "alert_to_webhook_url", "user_api_key_cache_ttl",
                    "store_model_in_db", "maximum_spend_logs_retention_period", "enforce_user_param", "allowed_ips",
                    "allowed_routes", "admin_only_routes", "max_request_size_mb", "max_response_size_mb",
                    "expose_fallback_errors_to_caller", "completion_model", "token_rate_limit_type",
                    "disable_master_key_return", "enable_jwt_auth", "litellm_jwtauth", "ui_access_mode",
                    "infer_model_from_keys", "disable_reset_budget", "use_redis_transaction_buffer",
                    "service_account_settings", "key_management_system", "key_management_settings",
                    "use_x_forwarded_for", "public_routes", "disable_prisma_schema_update", "embedding_model",
                    "moderation_model", "default_team_disabled", "supported_db_objects", "enable_oauth2_auth"),
            List.of("mcp_", "proxy_budget_"));

    private GeneralSettingsMapper() {}

    static GeneralSettings read(ConfigNode general) {
        KEYS.warnAboutIgnoredKeys(general, EXPECTED);
        GeneralSettings defaults = GeneralSettings.defaults();
        Optional<String> masterKey = general.get("master_key").optionalString().or(defaults::masterKey);
        Optional<Boolean> allowClientCredentials =
                general.get("allow_client_credentials").optionalBoolean().or(defaults::allowClientCredentials);
        ConfigNode originsNode = general.get("allowed_origins");
        List<String> allowedOrigins = originsNode.isSet() ? origins(originsNode) : defaults.allowedOrigins();
        Optional<String> databaseUrl = databaseUrl(general.get("database_url").asSecret());
        Duration retention = general.get("spend_retention_days").optionalInt(0).map(Duration::ofDays)
                .orElse(GeneralSettings.DEFAULT_SPEND_RETENTION);
        return new GeneralSettings(masterKey, allowClientCredentials, allowedOrigins, databaseUrl, retention);
    }

    /**
     * An H2 JDBC URL for the spend store. LiteLLM configs usually name a Postgres database here (often through an
     * environment variable that is not set for Spillway); that is warned about and ignored, not fatal.
     */
    private static Optional<String> databaseUrl(ConfigNode node) {
        if (!node.isSet()) {
            return Optional.empty();
        }
        Optional<String> url;
        try {
            url = node.optionalString().map(String::trim);
        } catch (ConfigException unresolved) {
            if (!node.isEnvironmentReference()) {
                throw unresolved;
            }
            node.warn("its environment variable is not set; ignored (Spillway keeps spend in its data directory)");
            return Optional.empty();
        }
        if (url.isPresent() && !url.get().startsWith("jdbc:h2:")) {
            node.warn("not an H2 JDBC URL (jdbc:h2:...); ignored: Spillway keeps spend in its own H2 database in "
                    + "the data directory");
            return Optional.empty();
        }
        return url;
    }

    private static List<String> origins(ConfigNode node) {
        List<String> origins = new ArrayList<>();
        for (ConfigNode element : node.elements("a list of origins, e.g. [http://localhost:3000]")) {
            String origin = element.requiredString(ORIGIN_EXPECTED).trim();
            if (!isOrigin(origin)) {
                throw element.expected(ORIGIN_EXPECTED);
            }
            origins.add(origin);
        }
        return origins;
    }

    private static boolean isOrigin(String text) {
        if (text.equals("*")) {
            return true;
        }
        try {
            URI uri = new URI(text);
            return uri.getScheme() != null && uri.getHost() != null && uri.getRawPath().isEmpty()
                    && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
