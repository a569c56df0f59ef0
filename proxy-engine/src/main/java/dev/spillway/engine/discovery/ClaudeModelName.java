package dev.spillway.engine.discovery;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Claude model id taken apart: family, version and date, so the newest of a family can be picked. Reads Anthropic
 * names ({@code claude-sonnet-4-5-20250929}, {@code claude-3-5-sonnet-20240620}, {@code claude-opus-4-6}) and Bedrock
 * ids ({@code anthropic.claude-sonnet-4-5-20250929-v1:0}, {@code us.anthropic.…}), whose Anthropic name it keeps.
 *
 * @param anthropicName the Anthropic API's name for the model
 * @param family {@code opus}, {@code sonnet} or {@code haiku}
 * @param major major version
 * @param minor minor version (0 if none)
 * @param date release date {@code yyyymmdd} (0 if the id has none)
 */
public record ClaudeModelName(String anthropicName, String family, int major, int minor, int date) {

    private static final Pattern CURRENT =
            Pattern.compile("claude-(opus|sonnet|haiku)-(\\d+)(?:-(\\d{1,2}))?(?:-(\\d{8}))?");
    private static final Pattern LEGACY =
            Pattern.compile("claude-(\\d+)(?:-(\\d{1,2}))?-(opus|sonnet|haiku)(?:-(\\d{8}))?");
    private static final Pattern BEDROCK = Pattern.compile("(?:[a-z]{2,4}\\.)?anthropic\\.(claude-[a-z0-9-]+?)(?:-v\\d+(?::\\d+)?)?");

    /** Newer first: by version, then date. */
    public static final Comparator<ClaudeModelName> NEWEST_FIRST = Comparator
            .comparingInt(ClaudeModelName::major).thenComparingInt(ClaudeModelName::minor)
            .thenComparingInt(ClaudeModelName::date).reversed();

    /** Parses an Anthropic or Bedrock id; empty for anything else (other providers' models, embeddings, …). */
    public static Optional<ClaudeModelName> parse(String id) {
        String name = id;
        Matcher bedrock = BEDROCK.matcher(id);
        if (bedrock.matches()) {
            name = bedrock.group(1);
        }
        Matcher m = CURRENT.matcher(name);
        if (m.matches()) {
            return Optional.of(new ClaudeModelName(name, m.group(1), Integer.parseInt(m.group(2)), number(m.group(3)),
                    number(m.group(4))));
        }
        m = LEGACY.matcher(name);
        if (m.matches()) {
            return Optional.of(new ClaudeModelName(name, m.group(3), Integer.parseInt(m.group(1)), number(m.group(2)),
                    number(m.group(4))));
        }
        return Optional.empty();
    }

    private static int number(String digits) {
        return digits == null ? 0 : Integer.parseInt(digits);
    }
}
