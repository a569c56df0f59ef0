package dev.spillway.engine.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.json.Json;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns an Anthropic Messages request into the body Bedrock InvokeModel / InvokeModelWithResponseStream expects.
 *
 * <p>The translation is the one Anthropic's own SDK does (protocols.md §3.1): drop {@code model} and {@code stream},
 * default {@code anthropic_version} to {@code bedrock-2023-05-31}, move the {@code anthropic-beta} header into the
 * {@code anthropic_beta} body array. On top of that it bridges what Claude Code sends to an Anthropic-format gateway
 * but legacy InvokeModel rejects with {@code 400 Extra inputs are not permitted} (§3.5, gateway protocol "Feature
 * pass-through"):
 * <ul>
 *   <li>only betas in {@link #SUPPORTED_BETAS} survive ({@code advanced-tool-use-2025-11-20} becomes
 *       {@code tool-search-tool-2025-10-19}); OAuth, Claude Code, prompt-caching-scope, files, web, code-execution,
 *       MCP, skills, structured-output and unknown betas are dropped;</li>
 *   <li>body fields paired with a beta leave with it: {@code context_management} edits (context-management or compact
 *       beta), {@code output_config} (effort beta; only {@code effort} is kept), tool {@code defer_loading}
 *       (tool-search beta); tool {@code strict} / {@code eager_input_streaming} always go, and so does
 *       {@code cache_control.scope} (its prompt-caching-scope beta never survives; Bedrock answers
 *       {@code system.0.cache_control.ephemeral.scope: Extra inputs are not permitted});</li>
 *   <li>only top-level fields InvokeModel documents survive ({@link #TOP_LEVEL_FIELDS}): top-level
 *       {@code cache_control}, {@code service_tier}, {@code inference_geo}, {@code container}, {@code mcp_servers}
 *       and any field added after this list was written are dropped;</li>
 *   <li>{@code top_p} is dropped when {@code temperature} is also set (Sonnet/Haiku 4.5 reject both).</li>
 * </ul>
 * Everything else, notably {@code system} and {@code messages} (attribution block, thinking signatures, block-level
 * {@code cache_control} breakpoints), passes unchanged and in the order received.
 */
public final class BedrockRequestMapper {

    public static final String BEDROCK_ANTHROPIC_VERSION = "bedrock-2023-05-31";

    /**
     * Betas Bedrock InvokeModel accepts (protocols.md §3.5, LiteLLM's Bedrock-Invoke allowlist; AWS's own example for
     * {@code computer-use-2024-10-22}; Bedrock's docs for interleaved thinking on Claude 4). Not here on purpose:
     * {@code token-efficient-tools-2025-02-19} and {@code output-128k-2025-02-19}, which that allowlist drops.
     */
    public static final Set<String> SUPPORTED_BETAS = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(
            "computer-use-2024-10-22",
            "computer-use-2025-01-24",
            "computer-use-2025-11-24",
            "context-1m-2025-08-07",
            "context-management-2025-06-27",
            "effort-2025-11-24",
            "fine-grained-tool-streaming-2025-05-14",
            "interleaved-thinking-2025-05-14",
            "compact-2026-01-12",
            "tool-search-tool-2025-10-19",
            "thinking-binding-controls-2026-08-01")));

    /** Anthropic betas Bedrock knows under another name. */
    static final Map<String, String> RENAMED_BETAS =
            Map.of("advanced-tool-use-2025-11-20", "tool-search-tool-2025-10-19");

    /**
     * Top-level fields of the Bedrock InvokeModel body for Claude (AWS request/response page; {@code thinking},
     * {@code output_config}, {@code context_management} with their betas). {@code metadata} is kept although the AWS
     * page does not list it: Claude Code sends {@code metadata.user_id} on every request, also when it talks to
     * Bedrock itself through the Anthropic SDK (which does not strip it), and LiteLLM's Bedrock-Invoke allowlist keeps
     * it too. Only {@code user_id}, the one field the Messages API defines, is forwarded.
     */
    static final Set<String> TOP_LEVEL_FIELDS = Set.of(
            "anthropic_version", "anthropic_beta", "max_tokens", "messages", "system", "stop_sequences",
            "temperature", "top_p", "top_k", "tools", "tool_choice", "thinking", "metadata", "output_config",
            "context_management");

    private static final String CONTEXT_MANAGEMENT_BETA = "context-management-2025-06-27";
    private static final String COMPACT_BETA = "compact-2026-01-12";
    private static final String EFFORT_BETA = "effort-2025-11-24";
    private static final String TOOL_SEARCH_BETA = "tool-search-tool-2025-10-19";

    private BedrockRequestMapper() {
    }

    /**
     * @param anthropicBody             the client's request body; not modified
     * @param anthropicBetaHeaderValues every {@code anthropic-beta} header value, each comma-separated; may be null
     * @return the InvokeModel body as compact JSON
     */
    public static byte[] toBedrockBody(ObjectNode anthropicBody, List<String> anthropicBetaHeaderValues) {
        ObjectNode body = anthropicBody.deepCopy();
        Set<String> betas = bedrockBetas(body.get("anthropic_beta"), anthropicBetaHeaderValues);

        body.retain(TOP_LEVEL_FIELDS);
        body.remove("anthropic_beta");
        filterContextManagement(body, betas);
        filterOutputConfig(body, betas.contains(EFFORT_BETA));
        filterMetadata(body);
        filterTools(body.get("tools"), betas.contains(TOOL_SEARCH_BETA));
        if (body.has("temperature") && body.has("top_p")) {
            body.remove("top_p");
        }
        removeCacheScopes(body);

        ObjectNode out = Json.object();
        if (!anthropicBody.has("anthropic_version")) {
            out.put("anthropic_version", BEDROCK_ANTHROPIC_VERSION);
        }
        if (!betas.isEmpty()) {
            ArrayNode array = out.putArray("anthropic_beta");
            betas.forEach(array::add);
        }
        out.setAll(body);
        return Json.bytes(out);
    }

    /** Body betas first, then header betas; split on commas, trimmed, renamed, allowlisted, deduplicated. */
    static Set<String> bedrockBetas(JsonNode bodyBetas, List<String> headerValues) {
        Set<String> betas = new LinkedHashSet<>();
        if (bodyBetas != null && bodyBetas.isArray()) {
            bodyBetas.forEach(value -> addBetas(betas, value.asText("")));
        } else if (bodyBetas != null && bodyBetas.isTextual()) {
            addBetas(betas, bodyBetas.asText());
        }
        if (headerValues != null) {
            headerValues.forEach(value -> addBetas(betas, value));
        }
        return betas;
    }

    private static void addBetas(Set<String> betas, String commaSeparated) {
        if (commaSeparated == null) {
            return;
        }
        for (String raw : commaSeparated.split(",")) {
            String beta = raw.trim().toLowerCase(Locale.ROOT);
            beta = RENAMED_BETAS.getOrDefault(beta, beta);
            if (SUPPORTED_BETAS.contains(beta)) {
                betas.add(beta);
            }
        }
    }

    /** Keeps the edits whose beta survived: {@code compact_*} needs the compact beta, the others context-management. */
    private static void filterContextManagement(ObjectNode body, Set<String> betas) {
        JsonNode contextManagement = body.get("context_management");
        if (contextManagement == null) {
            return;
        }
        JsonNode edits = contextManagement.get("edits");
        if (!(edits instanceof ArrayNode editArray)) {
            if (!betas.contains(CONTEXT_MANAGEMENT_BETA)) {
                body.remove("context_management");
            }
            return;
        }
        for (int i = editArray.size() - 1; i >= 0; i--) {
            String type = editArray.get(i).path("type").asText("");
            String needed = type.startsWith("compact") ? COMPACT_BETA : CONTEXT_MANAGEMENT_BETA;
            if (!betas.contains(needed)) {
                editArray.remove(i);
            }
        }
        if (editArray.isEmpty()) {
            body.remove("context_management");
        }
    }

    /** {@code output_config} carries effort, structured-output {@code format} and task budgets; only effort has a beta here. */
    private static void filterOutputConfig(ObjectNode body, boolean effortBeta) {
        JsonNode outputConfig = body.get("output_config");
        if (outputConfig == null) {
            return;
        }
        if (effortBeta && outputConfig instanceof ObjectNode config) {
            config.retain("effort");
            if (!config.isEmpty()) {
                return;
            }
        }
        body.remove("output_config");
    }

    private static void filterMetadata(ObjectNode body) {
        JsonNode metadata = body.get("metadata");
        if (metadata == null) {
            return;
        }
        if (metadata instanceof ObjectNode object) {
            object.retain("user_id");
            if (!object.isEmpty()) {
                return;
            }
        }
        body.remove("metadata");
    }

    private static void filterTools(JsonNode tools, boolean toolSearchBeta) {
        if (tools == null || !tools.isArray()) {
            return;
        }
        for (JsonNode tool : tools) {
            if (tool instanceof ObjectNode object) {
                object.remove(List.of("strict", "eager_input_streaming"));
                if (!toolSearchBeta) {
                    object.remove("defer_loading");
                }
            }
        }
    }

    /** Removes {@code cache_control.scope} from tools, system blocks, message blocks and tool-result blocks. */
    private static void removeCacheScopes(ObjectNode body) {
        body.path("tools").forEach(BedrockRequestMapper::removeCacheScope);
        body.path("system").forEach(BedrockRequestMapper::removeCacheScope);
        for (JsonNode message : body.path("messages")) {
            for (JsonNode block : message.path("content")) {
                removeCacheScope(block);
                if ("tool_result".equals(block.path("type").asText())) {
                    block.path("content").forEach(BedrockRequestMapper::removeCacheScope);
                }
            }
        }
    }

    private static void removeCacheScope(JsonNode node) {
        if (node.get("cache_control") instanceof ObjectNode cacheControl) {
            cacheControl.remove("scope");
        }
    }
}
