package dev.spillway.engine.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A parsed Prometheus text exposition: samples with their labels, and the declared types. */
record Scrape(List<Sample> samples, Map<String, String> types) {

    record Sample(String name, Map<String, String> labels, double value) {
    }

    static Scrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ");
                types.put(parts[0], parts[1]);
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space;
            String name;
            Map<String, String> labels = new TreeMap<>();
            if (brace >= 0) {
                name = line.substring(0, brace);
                int i = brace + 1;
                while (line.charAt(i) != '}') {
                    int eq = line.indexOf('=', i);
                    String key = line.substring(i, eq);
                    StringBuilder value = new StringBuilder();
                    int j = eq + 2; // skip ="
                    while (line.charAt(j) != '"') {
                        char c = line.charAt(j);
                        if (c == '\\') {
                            char n = line.charAt(++j);
                            value.append(n == 'n' ? '\n' : n);
                        } else {
                            value.append(c);
                        }
                        j++;
                    }
                    labels.put(key, value.toString());
                    i = j + 1;
                    if (line.charAt(i) == ',') {
                        i++;
                    }
                }
                space = i + 1;
            } else {
                space = line.indexOf(' ');
                name = line.substring(0, space);
            }
            String rest = line.substring(space).trim().split(" ")[0];
            double value = switch (rest) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(rest);
            };
            samples.add(new Sample(name, labels, value));
        }
        return new Scrape(samples, types);
    }

    List<Sample> named(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The one sample of {@code name} whose labels include all of {@code match}. */
    Sample one(String name, Map<String, String> match) {
        List<Sample> found = samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(match.entrySet()))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + name + match + ", found " + found);
        }
        return found.get(0);
    }

    double value(String name, Map<String, String> match) {
        return one(name, match).value();
    }

    /** Bucket upper bound ({@code le}) → cumulative count, for the series of {@code name} matching. */
    Map<String, Double> buckets(String name, Map<String, String> match) {
        return samples.stream()
                .filter(s -> s.name().equals(name + "_bucket")
                        && s.labels().entrySet().containsAll(match.entrySet()))
                .collect(Collectors.toMap(s -> s.labels().get("le"), Sample::value, (a, b) -> {
                    throw new AssertionError("two series match " + match);
                }, LinkedHashMap::new));
    }
}
