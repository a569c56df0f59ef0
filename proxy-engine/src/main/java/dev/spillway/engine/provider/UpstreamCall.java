package dev.spillway.engine.provider;

import dev.spillway.engine.request.ClientRequest;
import java.time.Duration;

/**
 * One attempt at one deployment.
 *
 * @param request what the client sent
 * @param upstreamModel the model name to ask the upstream for (the deployment's model, wildcards filled in)
 * @param timeout how long to wait for the upstream's answer to start
 * @param streamIdleTimeout how long a stream may stay silent once it has started
 */
public record UpstreamCall(ClientRequest request, String upstreamModel, Duration timeout, Duration streamIdleTimeout) {
}
