package dev.spillway.engine.server;

import dev.spillway.engine.keys.KeyRegistry;
import dev.spillway.engine.keys.VirtualKey;
import dev.spillway.engine.request.CallerCredential;
import io.undertow.server.HttpHandler;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Who may use the proxy. With a master key set, a client presents it ({@code Authorization: Bearer},
 * {@code x-api-key}, or alongside its own Anthropic credential in {@code x-spillway-key} / {@code x-litellm-api-key});
 * when client credentials are allowed, an Anthropic credential alone also passes. Browser pages are refused: a
 * request with a foreign {@code Origin}, or a {@code Host} other than the bound name (DNS rebinding), gets 403.
 * Keys are compared in constant time, and the master key never becomes the caller's upstream credential.
 *
 * <p>A virtual key ({@link KeyRegistry}) opens the data-plane routes wherever the master key does, in the same
 * headers; it is looked up by its hash and never becomes the upstream credential either. Next to it (in
 * {@code x-litellm-api-key} / {@code x-spillway-key}) a caller may still send their own Anthropic credential. A blocked
 * or expired key is refused with 401. Admin routes take only the master key.
 */
final class AccessGuard {

    /** The outcome for one request. */
    sealed interface Decision permits Allowed, Refused {}

    /**
     * @param credential the caller's own upstream credential, if they sent one
     * @param virtualKey the virtual key the caller presented, if any
     */
    record Allowed(Optional<CallerCredential> credential, Optional<VirtualKey> virtualKey) implements Decision {

        Allowed(Optional<CallerCredential> credential) {
            this(credential, Optional.empty());
        }
    }

    record Refused(int status, String errorType, String message) implements Decision {}

    private final Optional<byte[]> masterKeyDigest;
    private final boolean allowClientCredentials;
    private final Set<String> allowedOrigins;
    private final Set<String> allowedHosts;
    private final Optional<KeyRegistry> keys;

    /** What {@link #protect} found out about the caller, for the handler it protects. */
    static final AttachmentKey<Allowed> ALLOWED = AttachmentKey.create(Allowed.class);

    AccessGuard(Optional<String> masterKey, boolean allowClientCredentials, List<String> allowedOrigins,
            Set<String> allowedHosts) {
        this(masterKey, allowClientCredentials, allowedOrigins, allowedHosts, Optional.empty());
    }

    /**
     * @param allowedHosts host names (without port) a {@code Host} header may carry; empty to accept any
     */
    AccessGuard(Optional<String> masterKey, boolean allowClientCredentials, List<String> allowedOrigins,
            Set<String> allowedHosts, Optional<KeyRegistry> keys) {
        this.keys = keys;
        this.masterKeyDigest = masterKey.map(AccessGuard::digest);
        this.allowClientCredentials = allowClientCredentials;
        this.allowedOrigins = allowedOrigins.stream().map(o -> o.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        this.allowedHosts = allowedHosts;
    }

    boolean requiresKey() {
        return masterKeyDigest.isPresent();
    }

    /** Header values by name; each may be null when the header is absent. */
    record Presented(String origin, String host, String authorization, String xApiKey, String proxyKey) {

        static Presented from(HeaderMap h) {
            String proxyKey = h.getFirst("x-spillway-key");
            return new Presented(h.getFirst(Headers.ORIGIN), h.getFirst(Headers.HOST),
                    h.getFirst(Headers.AUTHORIZATION), h.getFirst("x-api-key"),
                    proxyKey != null ? proxyKey : h.getFirst("x-litellm-api-key"));
        }
    }

    /**
     * Wraps an admin handler: with a master key set, only the master key opens it (a caller's own Anthropic
     * credential does not); without one, the proxy is loopback-only and admin routes are open like the others.
     */
    HttpHandler protectAdmin(HttpHandler next) {
        return exchange -> {
            Presented p = Presented.from(exchange.getRequestHeaders());
            Decision decision = check(p);
            boolean masterKey = masterKeyDigest.isEmpty() || java.util.stream.Stream.of(p.proxyKey(),
                    bearerToken(p.authorization()), p.xApiKey()).anyMatch(this::isMasterKey);
            if (decision instanceof Refused refused) {
                Responses.error(exchange, refused.status(), refused.errorType(), refused.message(), RequestIds.next());
            } else if (!masterKey) {
                Responses.error(exchange, 401, "authentication_error",
                        "Admin routes need the Spillway master key (x-api-key or Authorization: Bearer).",
                        RequestIds.next());
            } else {
                next.handleRequest(exchange);
            }
        };
    }

    /** Wraps a handler so that only allowed callers reach it. */
    HttpHandler protect(HttpHandler next) {
        return exchange -> {
            Decision decision = check(Presented.from(exchange.getRequestHeaders()));
            if (decision instanceof Refused refused) {
                Responses.error(exchange, refused.status(), refused.errorType(), refused.message(), RequestIds.next());
            } else {
                exchange.putAttachment(ALLOWED, (Allowed) decision);
                next.handleRequest(exchange);
            }
        };
    }

    Decision check(Presented p) {
        if (p.origin() != null && !allowedOrigins.contains("*")
                && !allowedOrigins.contains(p.origin().toLowerCase(Locale.ROOT))) {
            return new Refused(403, "permission_error", "Requests from web pages are refused (Origin "
                    + p.origin() + "). To allow this origin, add it to general_settings.allowed_origins.");
        }
        if (!allowedHosts.isEmpty() && (p.host() == null || !allowedHosts.contains(hostName(p.host())))) {
            return new Refused(403, "permission_error", "Host header '" + p.host()
                    + "' is not this proxy's address; use http://127.0.0.1 or http://localhost.");
        }
        String bearer = bearerToken(p.authorization());
        Optional<VirtualKey> virtualKey = Stream.of(p.proxyKey(), bearer, p.xApiKey())
                .map(this::virtualKey)
                .flatMap(Optional::stream)
                .findFirst();
        Optional<CallerCredential> candidates = Stream.of(p.xApiKey(), bearer)
                .filter(t -> t != null && !t.isBlank() && !isMasterKey(t)
                        && (virtualKey.isEmpty() || virtualKey(t).isEmpty()))
                .findFirst()
                .flatMap(CallerCredential::of);
        boolean keyPresented = Stream.of(p.proxyKey(), bearer, p.xApiKey()).anyMatch(this::isMasterKey);
        if (virtualKey.isPresent() && !keyPresented) {
            Optional<String> refusal = keys.orElseThrow().refusal(virtualKey.get());
            if (refusal.isPresent()) {
                return new Refused(401, "authentication_error", refusal.get());
            }
            return new Allowed(candidates, virtualKey);
        }
        if (masterKeyDigest.isEmpty()) {
            return new Allowed(candidates);
        }
        if (keyPresented) {
            return new Allowed(candidates);
        }
        if (p.proxyKey() == null && allowClientCredentials
                && candidates.filter(c -> c.token().startsWith("sk-ant-")).isPresent()) {
            return new Allowed(candidates);
        }
        String problem;
        if (p.proxyKey() != null) {
            problem = "The Spillway key presented in x-spillway-key / x-litellm-api-key is not valid.";
        } else if (candidates.filter(c -> c.token().startsWith("sk-ant-")).isPresent()) {
            problem = "This Spillway proxy requires its own key; an Anthropic credential alone is not accepted "
                    + "(general_settings.allow_client_credentials is off).";
        } else if (bearer != null || p.xApiKey() != null) {
            problem = "The Spillway key presented is not valid.";
        } else {
            problem = "This Spillway proxy requires a key.";
        }
        return new Refused(401, "authentication_error", problem + " Send the master key or a virtual key as "
                + "x-api-key or 'Authorization: Bearer', or as 'x-spillway-key' next to your own Anthropic credential "
                + "(for Claude Code: ANTHROPIC_CUSTOM_HEADERS='x-spillway-key: <key>').");
    }

    private Optional<VirtualKey> virtualKey(String token) {
        return token == null || token.isBlank() || keys.isEmpty() ? Optional.empty() : keys.get().find(token);
    }

    private boolean isMasterKey(String token) {
        return token != null && masterKeyDigest.isPresent()
                && MessageDigest.isEqual(masterKeyDigest.get(), digest(token.trim()));
    }

    private static String bearerToken(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.trim();
        return value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).trim() : value;
    }

    private static String hostName(String hostHeader) {
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 ? host.substring(0, end + 1) : host;
        }
        int colon = host.lastIndexOf(':');
        return colon >= 0 ? host.substring(0, colon) : host;
    }

    /** Hashing first makes the comparison constant-time whatever the lengths. */
    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
