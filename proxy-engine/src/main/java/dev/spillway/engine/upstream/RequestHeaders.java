package dev.spillway.engine.upstream;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/** Case-insensitive, immutable request headers, names kept in lower case. */
public final class RequestHeaders {

    private final Map<String, List<String>> values;

    private RequestHeaders(Map<String, List<String>> values) {
        this.values = values;
    }

    public static RequestHeaders of(Map<String, List<String>> headers) {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, list) -> copy.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                .addAll(list));
        copy.replaceAll((name, list) -> List.copyOf(list));
        return new RequestHeaders(Collections.unmodifiableMap(copy));
    }

    /** Collects headers one value at a time, in one pass and without intermediate copies. */
    public static final class Builder {
        private final TreeMap<String, List<String>> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        public Builder add(String name, String value) {
            values.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(value);
            return this;
        }

        public RequestHeaders build() {
            return new RequestHeaders(Collections.unmodifiableMap(values));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<String> first(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    public Set<String> names() {
        return values.keySet();
    }

    public void forEach(BiConsumer<String, List<String>> action) {
        values.forEach(action);
    }

    @Override
    public String toString() {
        return "RequestHeaders" + names(); // names only: values may hold credentials
    }
}
