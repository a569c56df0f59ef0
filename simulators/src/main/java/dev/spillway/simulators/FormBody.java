package dev.spillway.simulators;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** An {@code application/x-www-form-urlencoded} body, as the AWS Query protocol (STS) sends its parameters. */
final class FormBody {

    private FormBody() {
    }

    /** The parameters in order of appearance; a repeated name keeps its first value. */
    static Map<String, String> parse(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        if (body == null || body.isBlank()) {
            return Collections.unmodifiableMap(params);
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] parts = pair.split("=", 2);
            params.putIfAbsent(decode(parts[0]), parts.length > 1 ? decode(parts[1]) : "");
        }
        return Collections.unmodifiableMap(params);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
