package dev.spillway.engine.config;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Hands out deployment ids: the explicit {@code model_info.id} where given (duplicates are an error), otherwise a
 * stable id derived from what the deployment is. Derived ids never collide with explicit ones or with each other.
 */
final class DeploymentIds {

    private static final int DERIVED_LENGTH = 12;

    private final Map<Integer, String> explicitByIndex = new HashMap<>();
    private final Set<String> taken = new HashSet<>();

    private DeploymentIds() {}

    /** Collects every explicit {@code model_info.id} of {@code entries} ({@code model_list} elements). */
    static DeploymentIds collect(List<ConfigNode> entries) {
        DeploymentIds ids = new DeploymentIds();
        Map<String, String> firstPath = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            ConfigNode modelInfo = entries.get(i).get("model_info");
            if (!modelInfo.isMap()) {
                continue; // absent, or an error reported when the entry itself is read
            }
            ConfigNode idNode = modelInfo.get("id");
            Optional<String> id = idNode.optionalString().map(String::trim).filter(s -> !s.isEmpty());
            if (id.isEmpty()) {
                continue;
            }
            String earlier = firstPath.putIfAbsent(id.get(), idNode.path());
            if (earlier != null) {
                throw idNode.error("duplicate id \"" + id.get() + "\", already used at " + earlier
                        + "; every deployment needs its own id");
            }
            ids.explicitByIndex.put(i, id.get());
            ids.taken.add(id.get());
        }
        return ids;
    }

    /** The id of the {@code index}-th deployment. Call in file order so derived ids are stable. */
    String idFor(int index, String modelName, ModelRef model, Optional<URI> apiBase) {
        String explicit = explicitByIndex.get(index);
        if (explicit != null) {
            return explicit;
        }
        String base = derive(modelName, model, apiBase);
        String id = base;
        for (int n = 2; taken.contains(id); n++) {
            id = base + "-" + n;
        }
        taken.add(id);
        return id;
    }

    /** First 12 hex digits of SHA-256 over provider, model, api base and model group. */
    static String derive(String modelName, ModelRef model, Optional<URI> apiBase) {
        String identity = String.join("\n", model.provider(), model.model(),
                apiBase.map(URI::toString).orElse(""), modelName);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, DERIVED_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
