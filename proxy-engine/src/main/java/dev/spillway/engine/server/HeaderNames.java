package dev.spillway.engine.server;

import io.undertow.util.HttpString;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Undertow header names for the headers upstreams send, made once: an upstream sends the same few dozen names on
 * every answer, and building an {@link HttpString} copies the name each time.
 */
final class HeaderNames {

    private static final int MAX_CACHED = 512;
    private static final Map<String, HttpString> CACHE = new ConcurrentHashMap<>();

    private HeaderNames() {
    }

    static HttpString of(String name) {
        HttpString cached = CACHE.get(name);
        if (cached != null) {
            return cached;
        }
        HttpString made = HttpString.tryFromString(name);
        if (CACHE.size() < MAX_CACHED) {
            CACHE.putIfAbsent(name, made);
        }
        return made;
    }
}
