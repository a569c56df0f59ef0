package dev.spillway.simulators;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds the SigV4 canonical request from a request as it arrived on the wire:
 * <pre>
 * METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n PayloadHash
 * </pre>
 * The canonical URI is the path <em>as sent</em> (already percent-encoded once), encoded once more, which is what
 * non-S3 AWS services expect: the SDK sends {@code ...-v1%3A0/invoke} and signs {@code ...-v1%253A0/invoke}.
 */
final class CanonicalRequest {

    private CanonicalRequest() {
    }

    /**
     * @param rawPath the request path exactly as received, without the query
     * @param rawQuery the query string as received, or {@code null}
     * @param headerValues all values of a (case-insensitive) header name, empty if absent
     */
    static String build(String method, String rawPath, String rawQuery, Function<String, List<String>> headerValues,
            List<String> signedHeaders, String payloadHash) {
        StringBuilder canonical = new StringBuilder();
        canonical.append(method).append('\n');
        canonical.append(rawPath.isEmpty() ? "/" : uriEncode(rawPath, false)).append('\n');
        canonical.append(canonicalQuery(rawQuery)).append('\n');
        for (String name : signedHeaders) {
            canonical.append(name).append(':').append(canonicalValue(headerValues.apply(name))).append('\n');
        }
        canonical.append('\n');
        canonical.append(String.join(";", signedHeaders)).append('\n');
        canonical.append(payloadHash);
        return canonical.toString();
    }

    /** AWS URI encoding: every byte except unreserved characters (and '/', unless told otherwise) as %XX. */
    static String uriEncode(String text, boolean encodeSlash) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            boolean unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~';
            if (unreserved || (c == '/' && !encodeSlash)) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return encoded.toString();
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> params = new ArrayList<>();
        for (String param : rawQuery.split("&")) {
            String[] pair = param.split("=", 2);
            params.add(new String[] {
                uriEncode(percentDecode(pair[0]), true), uriEncode(pair.length > 1 ? percentDecode(pair[1]) : "", true)
            });
        }
        params.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        return params.stream().map(p -> p[0] + "=" + p[1]).collect(Collectors.joining("&"));
    }

    /** Values trimmed, inner runs of spaces collapsed, several values joined by commas. */
    private static String canonicalValue(List<String> values) {
        return values.stream()
                .map(value -> value.trim().replaceAll(" +", " "))
                .collect(Collectors.joining(","));
    }

    /** Decodes %XX escapes (leaving '+' alone, unlike form decoding). */
    static String percentDecode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
