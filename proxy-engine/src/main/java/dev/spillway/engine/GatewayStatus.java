package dev.spillway.engine;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot of a running gateway, cheap to take (nothing is read from the database): what the tray icon and its
 * status line show.
 *
 * @param baseUrl where clients reach it
 * @param started when it started
 * @param requestsToday requests finished today (in the system time zone), failed ones included
 * @param spendTodayUsd what today's requests cost
 * @param groups every model group, in configuration order
 * @param deployments every deployment, in configuration order
 */
public record GatewayStatus(URI baseUrl, Instant started, long requestsToday, BigDecimal spendTodayUsd,
        List<GroupStatus> groups, List<DeploymentStatus> deployments) {

    public GatewayStatus {
        groups = List.copyOf(groups);
        deployments = List.copyOf(deployments);
    }

    /** Where a model group's requests go now. */
    public enum RouteState {
        /** to a primary deployment */
        PRIMARY,
        /** every primary deployment is cooling down: to another deployment of the group or a fallback group */
        FALLBACK,
        /** every deployment that could serve the group is cooling down */
        DOWN
    }

    /**
     * @param primaryDeployment the group's first primary deployment (see {@link RoutingChange} for "primary")
     * @param state where its requests go now
     * @param servedBy the deployment new requests go to first, empty when {@link RouteState#DOWN}
     * @param fallbackGroups its {@code fallbacks}, in order
     * @param cooledDown its own deployments that are cooling down
     */
    public record GroupStatus(String name, String primaryDeployment, RouteState state, Optional<String> servedBy,
            List<String> fallbackGroups, List<CooledDeployment> cooledDown) {

        public GroupStatus {
            fallbackGroups = List.copyOf(fallbackGroups);
            cooledDown = List.copyOf(cooledDown);
        }
    }

    /** A deployment resting after failures until {@code until}. */
    public record CooledDeployment(String deployment, Instant until) {
    }

    /**
     * @param group its model group
     * @param provider {@code anthropic}, {@code bedrock}, …
     * @param model {@code litellm_params.model} without the provider prefix
     * @param coolingDownUntil when its cooldown ends, if it is cooling down
     * @param requestsPerMinute requests it finished in the last 60 seconds
     */
    public record DeploymentStatus(String id, String group, String provider, String model,
            Optional<Instant> coolingDownUntil, int requestsPerMinute) {
    }

    /** Whether some group is served by a fallback (or by nothing): the tray's "serving via fallback". */
    public boolean anyFailedOver() {
        return groups.stream().anyMatch(g -> g.state() != RouteState.PRIMARY);
    }
}
