package dev.spillway.engine.cache;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.json.Json;
import dev.spillway.engine.request.ClientRequest;
import dev.spillway.engine.request.Dialect;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Cache keys: the SHA-256 (hex) of everything that decides an answer, so that only truly identical requests share
 * one.
 *
 * <ul>
 *   <li>the operation (which implies the client's dialect: an Anthropic answer is never served to an OpenAI client);
 *   <li>the model group (the body's {@code model} is part of the body, so two names a wildcard group matches do not
 *       share answers);
 *   <li>who asks: the SHA-256 of the caller's own credential, or nothing for callers without one (the master key, or
 *       no key at all); nothing for everyone when the cache is {@code shared};
 *   <li>whether the client asked for a stream: a stream is replayed as a stream, a complete body as a complete body,
 *       never one for the other;
 *   <li>the {@code anthropic-beta} header (betas change what the model does), as a sorted set;
 *   <li>the request's {@code cache.namespace}, if any;
 *   <li>the body as canonical JSON (keys sorted at every level, numbers compared by value, so {@code 0.70} equals
 *       {@code 0.7}), without the fields that do not change the answer: {@code stream} (counted above),
 *       {@code stream_options}, {@code cache}, {@code metadata} and {@code user}, and for Anthropic requests the
 *       {@code x-anthropic-billing-header:} block Claude Code puts first in {@code system} (a per-request
 *       fingerprint that Anthropic strips before the model sees it).
 * </ul>
 */
public final class CacheKeys {

    static final Set<String> VOLATILE_FIELDS = Set.of("stream", "stream_options", "cache", "metadata", "user");
    private static final String BILLING_PREFIX = "x-anthropic-billing-header:";
    private static final String VERSION = "spillway-cache-v1";

    private CacheKeys() {
    }

    /**
     * The key of {@code request}.
     *
     * @param body the request's parsed body; this method removes the volatile fields from it, so pass a copy
     * @param modelGroup the model group the request was routed to
     * @param shared whether answers are shared between callers
     * @param namespace the request's {@code cache.namespace}
     */
    public static String of(ClientRequest request, ObjectNode body, String modelGroup, boolean shared,
            Optional<String> namespace) {
        MessageDigest sha = sha256();
        field(sha, VERSION);
        field(sha, request.operation().name());
        field(sha, modelGroup);
        field(sha, shared ? "" : callerIdentity(request));
        field(sha, request.stream() ? "stream" : "complete");
        field(sha, betas(request));
        field(sha, namespace.orElse(""));
        VOLATILE_FIELDS.forEach(body::remove);
        if (request.dialect() == Dialect.ANTHROPIC) {
            JsonNode system = withoutBillingBlock(body.get("system"));
            if (system == null) {
                body.remove("system");
            } else {
                body.set("system", system);
            }
        }
        canonical(body, sha);
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Who asks, as a hash: never the credential itself, which may sit in memory as long as the entry. */
    static String callerIdentity(ClientRequest request) {
        return request.credential()
                .map(c -> HexFormat.of().formatHex(sha256().digest(c.token().getBytes(StandardCharsets.UTF_8))))
                .orElse("");
    }

    private static String betas(ClientRequest request) {
        Set<String> betas = new TreeSet<>();
        for (String value : request.headers().all("anthropic-beta")) {
            Arrays.stream(value.split(",")).map(b -> b.trim().toLowerCase(Locale.ROOT)).filter(b -> !b.isEmpty())
                    .forEach(betas::add);
        }
        return String.join(",", betas);
    }

    /** {@code system} without a leading billing block; an array left empty counts as no system prompt. */
    private static JsonNode withoutBillingBlock(JsonNode system) {
        if (system == null || !system.isArray() || system.isEmpty()) {
            return system;
        }
        JsonNode first = system.get(0);
        if (!first.path("text").isTextual() || !first.path("text").textValue().startsWith(BILLING_PREFIX)) {
            return system;
        }
        ArrayNode rest = ((ArrayNode) system).deepCopy();
        rest.remove(0);
        return rest.isEmpty() ? null : rest;
    }

    private static void field(MessageDigest sha, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8),
                (byte) bytes.length});
        sha.update(bytes);
    }

    /** Feeds {@code node} to {@code sha} as JSON with sorted keys and normalised numbers. */
    static void canonical(JsonNode node, MessageDigest sha) {
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                sha.update((byte) b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                sha.update(b, off, len);
            }
        };
        try (JsonGenerator generator = Json.MAPPER.getFactory().createGenerator(out)) {
            write(node, generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The canonical text itself, for tests and debugging. */
    static String canonicalText(JsonNode node) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (JsonGenerator generator = Json.MAPPER.getFactory().createGenerator(out)) {
            write(node, generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void write(JsonNode node, JsonGenerator out) throws IOException {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            names.sort(null);
            out.writeStartObject();
            for (String name : names) {
                out.writeFieldName(name);
                write(node.get(name), out);
            }
            out.writeEndObject();
        } else if (node.isArray()) {
            out.writeStartArray();
            for (JsonNode element : node) {
                write(element, out);
            }
            out.writeEndArray();
        } else if (node.isNumber()) {
            out.writeNumber(node.decimalValue().stripTrailingZeros().toString());
        } else if (node.isTextual()) {
            out.writeString(node.textValue());
        } else if (node.isBoolean()) {
            out.writeBoolean(node.booleanValue());
        } else if (node.isNull()) {
            out.writeNull();
        } else {
            out.writeString(node.asText());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
