package dev.spillway.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DotEnvTest {

    @Test
    void readsKeyValueLinesCommentsAndExport() {
        DotEnv env = DotEnv.parse("""
                # a comment
                PLAIN=value

                export EXPORTED=yes
                  SPACED = around equals  \s
                EMPTY=
                URL=https://example.test/a?b=c#frag
                INLINE=value # comment
                """);

        assertThat(env.values()).containsExactly(
                Map.entry("PLAIN", "value"),
                Map.entry("EXPORTED", "yes"),
                Map.entry("SPACED", "around equals"),
                Map.entry("EMPTY", ""),
                Map.entry("URL", "https://example.test/a?b=c#frag"),
                Map.entry("INLINE", "value"));
        assertThat(env.skippedLines()).isEmpty();
    }

    @Test
    void quotedValues() {
        DotEnv env = DotEnv.parse("""
                DOUBLE="has # hash and \\"quotes\\" and \\n newline"
                SINGLE='literal \\n and "double" # not a comment'
                ESCAPED_SINGLE='it\\'s'
                TRAILING="value" # comment
                EMPTY_QUOTED=""
                """);

        assertThat(env.values()).containsExactly(
                Map.entry("DOUBLE", "has # hash and \"quotes\" and \n newline"),
                Map.entry("SINGLE", "literal \\n and \"double\" # not a comment"),
                Map.entry("ESCAPED_SINGLE", "it's"),
                Map.entry("TRAILING", "value"),
                Map.entry("EMPTY_QUOTED", ""));
    }

    @Test
    void quotedValuesMaySpanLines() {
        DotEnv env = DotEnv.parse("KEY=\"-----BEGIN-----\nabc\n-----END-----\"\nNEXT=1\n");

        assertThat(env.values()).containsExactly(
                Map.entry("KEY", "-----BEGIN-----\nabc\n-----END-----"), Map.entry("NEXT", "1"));
    }

    @Test
    void laterLinesWin() {
        assertThat(DotEnv.parse("A=1\nA=2\n").values()).containsExactly(Map.entry("A", "2"));
    }

    @Test
    void windowsLineEndings() {
        assertThat(DotEnv.parse("A=1\r\nB=\"2\"\r\n").values())
                .containsExactly(Map.entry("A", "1"), Map.entry("B", "2"));
    }

    @Test
    void skipsLinesThatAreNotAssignments() {
        DotEnv env = DotEnv.parse("""
                GOOD=1
                not an assignment
                1BAD=2
                BARE_KEY
                UNCLOSED="abc
                """);

        assertThat(env.values()).containsExactly(Map.entry("GOOD", "1"));
        assertThat(env.skippedLines()).containsExactly(2, 3, 5);
    }

    @Test
    void garbageAfterAClosingQuoteSkipsTheLine() {
        DotEnv env = DotEnv.parse("A=\"x\" y\nB=2\n");

        assertThat(env.values()).containsExactly(Map.entry("B", "2"));
        assertThat(env.skippedLines()).isEqualTo(List.of(1));
    }

    @Test
    void emptyText() {
        assertThat(DotEnv.parse("")).isEqualTo(DotEnv.empty());
    }
}
