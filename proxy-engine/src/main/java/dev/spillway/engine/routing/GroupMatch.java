package dev.spillway.engine.routing;

import java.util.List;

/**
 * A model group chosen for a request.
 *
 * @param requestedModel the model name the client sent
 * @param captures what the group's wildcards matched in it
 */
public record GroupMatch(ModelGroup group, String requestedModel, List<String> captures) {

    public GroupMatch {
        captures = List.copyOf(captures);
    }

    public String upstreamModel(Deployment deployment) {
        return deployment.upstreamModel(requestedModel, captures);
    }
}
