package dev.spillway.engine.routing;

import dev.spillway.engine.config.AwsSettings;
import dev.spillway.engine.config.DeploymentConfig;
import dev.spillway.engine.provider.Provider;
import dev.spillway.engine.provider.UpstreamCall;
import dev.spillway.engine.upstream.UpstreamResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Real {@link DeploymentConfig} records for tests, as the config loader would build them. */
public final class TestDeployments {

    private TestDeployments() {
    }

    /**
     * @param modelName the group ({@code model_name})
     * @param providerAndModel {@code litellm_params.model}, e.g. {@code anthropic/claude-*}
     */
    public static DeploymentConfig config(String modelName, String providerAndModel, String id) {
        return config(modelName, providerAndModel, id, Optional.empty());
    }

    public static DeploymentConfig config(String modelName, String providerAndModel, String id,
            Optional<Duration> timeout) {
        return config(modelName, providerAndModel, id, timeout, Map.of());
    }

    /** @param extraParams other {@code litellm_params}, e.g. {@code rpm}, {@code weight}, as YAML would give them */
    public static DeploymentConfig config(String modelName, String providerAndModel, String id,
            Optional<Duration> timeout, Map<String, Object> extraParams) {
        int slash = providerAndModel.indexOf('/');
        return new DeploymentConfig(modelName, providerAndModel.substring(0, slash),
                providerAndModel.substring(slash + 1), id, Optional.empty(), Optional.empty(), timeout,
                AwsSettings.none(), Map.of(), extraParams);
    }

    public static Deployment deployment(String modelName, String providerAndModel, String id, Provider provider) {
        return new Deployment(config(modelName, providerAndModel, id), provider);
    }

    /** A deployment of group {@code g} with routing parameters ({@code rpm}, {@code weight}, ...), never called. */
    public static Deployment withParams(String id, Map<String, Object> params) {
        return new Deployment(config("g", "anthropic/m", id, Optional.empty(), params), new UncallableProvider());
    }

    /** A deployment whose provider must not be called: routing tests only look at names. */
    public static Deployment deployment(String modelName, String providerAndModel, String id) {
        return deployment(modelName, providerAndModel, id, new UncallableProvider());
    }

    private static final class UncallableProvider implements Provider {
        @Override
        public String name() {
            return "none";
        }

        @Override
        public String apiBase() {
            return "http://none.invalid";
        }

        @Override
        public CompletableFuture<UpstreamResponse> send(UpstreamCall call) {
            throw new AssertionError("a routing test called a provider");
        }
    }
}
