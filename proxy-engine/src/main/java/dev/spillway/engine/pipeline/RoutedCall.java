package dev.spillway.engine.pipeline;

import dev.spillway.engine.request.ClientRequest;
import dev.spillway.engine.routing.Deployment;
import dev.spillway.engine.routing.GroupMatch;
import java.util.Optional;

/**
 * The routing state of one request as it moves down the pipeline: immutable, each step passes on a copy with its
 * choice made. The {@link RequestTrace} is shared: it collects what happened for headers and events.
 */
public record RoutedCall(ClientRequest request, GroupMatch target, Optional<Deployment> deployment, RequestTrace trace) {

    public static RoutedCall of(ClientRequest request, GroupMatch target) {
        return new RoutedCall(request, target, Optional.empty(), new RequestTrace(System.nanoTime()));
    }

    public RoutedCall withTarget(GroupMatch newTarget) {
        return new RoutedCall(request, newTarget, Optional.empty(), trace);
    }

    /** The same call carrying another request (e.g. translated for the chosen upstream). */
    public RoutedCall withRequest(ClientRequest newRequest) {
        return new RoutedCall(newRequest, target, deployment, trace);
    }

    public RoutedCall withDeployment(Deployment chosen) {
        return new RoutedCall(request, target, Optional.of(chosen), trace);
    }
}
