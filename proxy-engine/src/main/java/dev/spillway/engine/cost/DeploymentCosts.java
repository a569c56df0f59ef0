package dev.spillway.engine.cost;

import dev.spillway.engine.config.DeploymentConfig;
import dev.spillway.engine.events.RequestEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What requests cost, with each deployment's own prices ({@code input_cost_per_token} & co. in its
 * {@code litellm_params}) taking precedence over the bundled price table.
 */
public final class DeploymentCosts {

    private final CostCalculator calculator;
    private final Map<String, ModelPrice> overrides = new HashMap<>();

    public DeploymentCosts(CostCalculator calculator, List<DeploymentConfig> deployments) {
        this.calculator = calculator;
        for (DeploymentConfig d : deployments) {
            ModelPrice.fromLiteLlmParams(d.extraParams(), calculator.table().lookup(d.provider(), d.model()))
                    .ifPresent(price -> overrides.put(d.id(), price));
        }
    }

    public Cost cost(RequestEvent event) {
        return calculator.cost(event, event.deploymentId().map(overrides::get));
    }

    public Cost cost(String deploymentId, String provider, String model, RequestEvent.Usage usage) {
        return calculator.cost(provider, model, usage, Optional.ofNullable(overrides.get(deploymentId)));
    }
}
