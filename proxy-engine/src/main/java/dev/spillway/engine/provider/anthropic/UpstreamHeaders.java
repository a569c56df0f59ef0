package dev.spillway.engine.provider.anthropic;

import dev.spillway.engine.request.CallerCredential;
import dev.spillway.engine.upstream.RequestHeaders;
import okhttp3.Request;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import okhttp3.Headers;

/** Which headers cross the proxy on the Anthropic path, and how the credential is set. */
final class UpstreamHeaders {

    static final String OAUTH_BETA = "oauth-2025-04-20";

    /**
     * Headers that belong to one connection, that the HTTP client sets itself, or that carry a credential handled
     * separately. {@code accept-encoding} is dropped so the stream comes back uncompressed and can be read for usage.
     */
    private static final Set<String> NOT_FORWARDED = Set.of(
            "host", "connection", "keep-alive", "proxy-connection", "proxy-authorization", "te", "trailer",
            "transfer-encoding", "upgrade", "content-length", "expect", "accept-encoding", "authorization", "x-api-key", "x-spillway-key", "x-litellm-api-key", "origin",
            "referer", "http2-settings");

    private static final Set<String> NOT_RELAYED = Set.of(
            "connection", "keep-alive", "transfer-encoding", "content-length", "te", "trailer", "upgrade",
            "proxy-connection");

    private UpstreamHeaders() {
    }

    static void copy(RequestHeaders headers, Request.Builder builder) {
        headers.forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name) && !name.startsWith(":")) {
                for (String value : values) {
                    builder.addHeader(name, value);
                }
            }
        });
    }

    /**
     * The deployment's own key wins. Otherwise the caller's credential goes on in the form Anthropic expects: OAuth
     * tokens as a bearer token with the OAuth beta (added if the client did not send it), keys as {@code x-api-key}.
     */
    static void authenticate(Request.Builder builder, RequestHeaders headers, Optional<String> apiKey,
            Optional<CallerCredential> caller) {
        if (apiKey.isPresent()) {
            builder.header("x-api-key", apiKey.get());
            return;
        }
        caller.ifPresent(credential -> {
            if (credential.kind() == CallerCredential.Kind.OAUTH) {
                builder.header("authorization", "Bearer " + credential.token());
                if (!hasBeta(headers, OAUTH_BETA)) {
                    builder.addHeader("anthropic-beta", OAUTH_BETA);
                }
            } else {
                builder.header("x-api-key", credential.token());
            }
        });
    }

    private static boolean hasBeta(RequestHeaders headers, String beta) {
        return headers.all("anthropic-beta").stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .anyMatch(v -> v.trim().equals(beta));
    }

    /** The answer's headers worth relaying, names in lower case (OkHttp keeps them in order, repeats included). */
    static Map<String, List<String>> relayable(Headers upstream) {
        Map<String, List<String>> relayed = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0, n = upstream.size(); i < n; i++) {
            String name = upstream.name(i).toLowerCase(Locale.ROOT);
            if (!NOT_RELAYED.contains(name) && !name.startsWith(":")) {
                relayed.computeIfAbsent(name, k -> new ArrayList<>(1)).add(upstream.value(i));
            }
        }
        return relayed;
    }
}
