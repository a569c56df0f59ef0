package dev.spillway.simulators;

import java.util.ArrayList;
import java.util.List;

/** Splits text into the few pieces a streamed delta sequence carries, never inside a surrogate pair. */
final class TextPieces {

    private static final int MAX_PIECES = 4;

    private TextPieces() {
    }

    /** Splits {@code text} into at most four non-empty pieces that concatenate back to it (one empty piece for ""). */
    static List<String> split(String text) {
        int codePoints = text.codePointCount(0, text.length());
        int pieces = Math.max(1, Math.min(MAX_PIECES, codePoints));
        List<String> result = new ArrayList<>(pieces);
        int start = 0;
        for (int piece = 1; piece <= pieces; piece++) {
            int end = text.offsetByCodePoints(0, codePoints * piece / pieces);
            result.add(text.substring(start, end));
            start = end;
        }
        return result;
    }
}
