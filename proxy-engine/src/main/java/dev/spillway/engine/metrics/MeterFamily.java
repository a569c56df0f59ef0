package dev.spillway.engine.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One metric name with a fixed list of label names, and its meters by label values. Looking a meter up costs one
 * hash lookup; Micrometer's own registration (which sorts and copies tags) runs once per label set.
 */
final class MeterFamily<M extends Meter> {

    private final List<String> labelNames;
    private final Function<Tags, M> register;
    private final ConcurrentHashMap<List<String>, M> meters = new ConcurrentHashMap<>();

    MeterFamily(List<String> labelNames, Function<Tags, M> register) {
        this.labelNames = List.copyOf(labelNames);
        this.register = register;
    }

    /** @param values one per label name, in order; null is taken as empty */
    M get(String... values) {
        if (values.length != labelNames.size()) {
            throw new IllegalArgumentException("expected values for " + labelNames + ", got " + Arrays.toString(values));
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                values[i] = "";
            }
        }
        List<String> key = List.of(values);
        M meter = meters.get(key);
        if (meter != null) {
            return meter;
        }
        return meters.computeIfAbsent(key, k -> {
            String[] kv = new String[k.size() * 2];
            for (int i = 0; i < k.size(); i++) {
                kv[2 * i] = labelNames.get(i);
                kv[2 * i + 1] = k.get(i);
            }
            return register.apply(Tags.of(kv));
        });
    }
}
