package dev.spillway.engine.routing;

import dev.spillway.engine.config.DeploymentConfig;
import dev.spillway.engine.provider.Provider;
import java.time.Duration;
import java.util.List;

/**
 * A configured deployment with its live provider.
 *
 * @param routing its {@code weight}, {@code rpm}, {@code tpm} and {@code order}, read once from the config
 */
public record Deployment(DeploymentConfig config, Provider provider, RoutingParams routing) {

    /**
     * A deployment with the routing parameters of its config.
     *
     * @throws dev.spillway.engine.config.ConfigException if {@code weight}, {@code rpm}, {@code tpm} or {@code order}
     *     is not a number in range
     */
    public Deployment(DeploymentConfig config, Provider provider) {
        this(config, provider, RoutingParams.of(config));
    }

    public String id() {
        return config.id();
    }

    /**
     * The model to ask the upstream for. A deployment model of just {@code *} takes the requested name whole
     * ({@code anthropic/*}); otherwise each {@code *} takes the next text the group pattern matched.
     */
    public String upstreamModel(String requestedModel, List<String> wildcardCaptures) {
        String model = config.model();
        if (model.equals("*")) {
            return requestedModel;
        }
        if (model.indexOf('*') < 0) {
            return model;
        }
        StringBuilder out = new StringBuilder();
        int capture = 0;
        for (char c : model.toCharArray()) {
            if (c == '*') {
                out.append(capture < wildcardCaptures.size() ? wildcardCaptures.get(capture++) : requestedModel);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    public Duration timeout(Duration routerDefault) {
        return config.timeout().orElse(routerDefault);
    }
}
