package dev.spillway.engine.routing;

import java.util.List;

/**
 * A routing strategy: orders the usable deployments of one model group (not cooling down, able to serve the caller,
 * under their limits) for one request. The first is called first; retries move down the list.
 */
@FunctionalInterface
public interface DeploymentSelector {

    /** A new list with the same deployments; {@code usable} is not modified. May return {@code usable} itself. */
    List<Deployment> order(List<Deployment> usable);
}
