package dev.spillway.engine.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A validated, fully resolved configuration (LiteLLM {@code config.yaml} dialect): every {@code os.environ/NAME}
 * reference is replaced by its value and every default is filled in.
 *
 * @param source the file it was read from, empty for the embedded default
 * @param deployments {@code model_list}, in file order; several may share a model group name
 * @param router {@code router_settings} (with {@code litellm_settings} values it inherits)
 * @param general {@code general_settings}
 * @param cache the response cache ({@code litellm_settings.cache} and {@code cache_params})
 * @param app {@code spillway_settings}: the desktop app's own settings (port, host, notifications)
 * @param warnings one line per ignored key or other non-fatal finding, for the log
 */
public record SpillwayConfig(
        Optional<Path> source,
        List<DeploymentConfig> deployments,
        RouterSettings router,
        GeneralSettings general,
        CacheSettings cache,
        AppSettings app,
        List<String> warnings) {

    public SpillwayConfig {
        deployments = List.copyOf(deployments);
        warnings = List.copyOf(warnings);
    }

    /** A configuration without {@code spillway_settings}. */
    public SpillwayConfig(Optional<Path> source, List<DeploymentConfig> deployments, RouterSettings router,
            GeneralSettings general, CacheSettings cache, List<String> warnings) {
        this(source, deployments, router, general, cache, AppSettings.defaults(), warnings);
    }
}
