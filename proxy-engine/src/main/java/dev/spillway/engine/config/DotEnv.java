package dev.spillway.engine.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The variables of a {@code .env} file, read the way python-dotenv reads them: {@code KEY=VALUE} lines, blank lines
 * and {@code #} comments ignored, an optional {@code export } prefix, values optionally in single quotes (taken
 * literally) or double quotes (with {@code \n}, {@code \t}, {@code \"} and {@code \\} escapes, may span lines), and
 * a {@code #} after whitespace starting a comment in unquoted values. A later line wins over an earlier one.
 * {@code ${VAR}} interpolation is not supported.
 *
 * @param values the variables, in file order
 * @param skippedLines 1-based numbers of lines that are not {@code KEY=VALUE}; they are ignored
 */
public record DotEnv(Map<String, String> values, List<Integer> skippedLines) {

    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    public DotEnv {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        skippedLines = List.copyOf(skippedLines);
    }

    public static DotEnv empty() {
        return new DotEnv(Map.of(), List.of());
    }

    public static DotEnv parse(String text) {
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        Map<String, String> values = new LinkedHashMap<>();
        List<Integer> skipped = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            int lineNumber = i + 1;
            String line = lines[i].strip();
            i++;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ") || line.startsWith("export\t")) {
                line = line.substring("export".length()).strip();
            }
            int equals = line.indexOf('=');
            String key = (equals < 0 ? line : line.substring(0, equals)).strip();
            if (!KEY.matcher(key).matches()) {
                skipped.add(lineNumber);
                continue;
            }
            if (equals < 0) {
                continue; // a bare KEY sets nothing, as in python-dotenv
            }
            String rest = line.substring(equals + 1).stripLeading();
            if (rest.startsWith("\"") || rest.startsWith("'")) {
                // A quoted value may continue on the following lines.
                StringBuilder raw = new StringBuilder(rest);
                Quoted quoted = Quoted.parse(raw.toString());
                while (quoted == null && i < lines.length) {
                    raw.append('\n').append(lines[i++]);
                    quoted = Quoted.parse(raw.toString());
                }
                if (quoted == null || !isBlankOrComment(quoted.remainder())) {
                    skipped.add(lineNumber);
                    continue;
                }
                values.put(key, quoted.value());
            } else {
                values.put(key, unquoted(rest));
            }
        }
        return new DotEnv(values, skipped);
    }

    private static String unquoted(String rest) {
        for (int i = 0; i < rest.length(); i++) {
            if (rest.charAt(i) == '#' && (i == 0 || Character.isWhitespace(rest.charAt(i - 1)))) {
                return rest.substring(0, i).strip();
            }
        }
        return rest.strip();
    }

    private static boolean isBlankOrComment(String text) {
        String rest = text.strip();
        return rest.isEmpty() || rest.startsWith("#");
    }

    /** A quoted value and what follows its closing quote. */
    private record Quoted(String value, String remainder) {

        /** Parses {@code text}, which starts with a quote; null if the quote is not closed. */
        static Quoted parse(String text) {
            char quote = text.charAt(0);
            StringBuilder value = new StringBuilder();
            for (int i = 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == quote) {
                    return new Quoted(value.toString(), text.substring(i + 1));
                }
                if (c == '\\' && i + 1 < text.length()) {
                    char next = text.charAt(i + 1);
                    String escaped = quote == '"' ? doubleQuotedEscape(next) : singleQuotedEscape(next);
                    if (escaped != null) {
                        value.append(escaped);
                        i++;
                        continue;
                    }
                }
                value.append(c);
            }
            return null;
        }

        private static String doubleQuotedEscape(char c) {
            return switch (c) {
                case 'n' -> "\n";
                case 't' -> "\t";
                case 'r' -> "\r";
                case '"' -> "\"";
                case '\'' -> "'";
                case '\\' -> "\\";
                default -> null;
            };
        }

        private static String singleQuotedEscape(char c) {
            return switch (c) {
                case '\'' -> "'";
                case '\\' -> "\\";
                default -> null;
            };
        }
    }
}
