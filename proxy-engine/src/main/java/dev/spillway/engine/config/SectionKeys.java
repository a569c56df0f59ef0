package dev.spillway.engine.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The keys one section of the config may hold: those Spillway reads, those LiteLLM knows but Spillway does not
 * implement yet, and (by elimination) unknown ones. The last two get exactly one warning each.
 *
 * @param supported keys Spillway reads
 * @param liteLlmOnly LiteLLM keys Spillway ignores for now
 * @param liteLlmOnlyPrefixes prefixes of whole families of such keys, e.g. {@code redis_}
 */
record SectionKeys(Set<String> supported, Set<String> liteLlmOnly, List<String> liteLlmOnlyPrefixes) {

    static final String NOT_SUPPORTED = "not supported by Spillway yet; ignored";

    SectionKeys {
        supported = Set.copyOf(supported);
        liteLlmOnly = Set.copyOf(liteLlmOnly);
        liteLlmOnlyPrefixes = List.copyOf(liteLlmOnlyPrefixes);
    }

    boolean isLiteLlmOnly(String key) {
        return liteLlmOnly.contains(key) || liteLlmOnlyPrefixes.stream().anyMatch(key::startsWith);
    }

    /** Warns once about each key of {@code section} that is not {@linkplain #supported() supported}. */
    void warnAboutIgnoredKeys(ConfigNode section, String expectation) {
        section.entries(expectation).forEach((key, value) -> {
            if (!supported.contains(key)) {
                value.warn(isLiteLlmOnly(key) ? NOT_SUPPORTED : unknownKeyMessage(key));
            }
        });
    }

    String unknownKeyMessage(String key) {
        return Stream.concat(supported.stream(), liteLlmOnly.stream())
                .filter(candidate -> isTypo(key, candidate))
                .sorted()
                .findFirst()
                .map(candidate -> "unknown key; ignored (did you mean " + candidate + "?)")
                .orElse("unknown key; ignored");
    }

    /** Edit distance at most 2 between two keys of some length, ignoring case. */
    private static boolean isTypo(String key, String candidate) {
        return key.length() > 3 && distance(key.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT)) <= 2;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
