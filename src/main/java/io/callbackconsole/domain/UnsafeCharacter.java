package io.callbackconsole.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * A character that can change what a terminal or a window shows instead of being shown: a C0 or C1 control
 * (ESC starts terminal escape sequences, CR returns to the start of the line and overwrites it), DEL, a line or
 * paragraph separator, a bidirectional embedding, override or isolate (U+202A–U+202E, U+2066–U+2069: the
 * "Trojan Source" characters, which made "gnp.exe" read "exe.png"), an implicit direction mark (LRM U+200E,
 * RLM U+200F, ALM U+061C) or half of a surrogate pair.
 *
 * <p>The marks are included although they cannot reverse a run of letters: they are invisible and still reorder
 * digits and punctuation next to them ("12-34" between two RLMs is shown "34-12"), which is enough to misstate a
 * date or a count in an audit row. Text written in a right-to-left script reads correctly without them.
 *
 * @param codePoint the character
 * @param position its position in the text, counted in characters (code points) from 1, as lengths are counted
 */
public record UnsafeCharacter(int codePoint, int position) {

    /** Whether this character is one of those {@link UnsafeCharacter} describes. */
    public static boolean isUnsafe(int codePoint) {
        return codePoint < 0x20 || (codePoint >= 0x7F && codePoint <= 0x9F)
                || codePoint == 0x061C || codePoint == 0x200E || codePoint == 0x200F
                || codePoint == 0x2028 || codePoint == 0x2029
                || (codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069)
                || (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE);
    }

    /** The first unsafe character in the text; empty when there is none (or no text). */
    public static Optional<UnsafeCharacter> firstIn(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int position = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            position++;
            if (isUnsafe(codePoint)) {
                return Optional.of(new UnsafeCharacter(codePoint, position));
            }
            i += Character.charCount(codePoint);
        }
        return Optional.empty();
    }

    /** Whether this is a line break (LF, CR, NEL, LINE or PARAGRAPH SEPARATOR, VT, FF). */
    public boolean isLineBreak() {
        return codePoint == '\n' || codePoint == '\r' || codePoint == 0x0B || codePoint == 0x0C
                || codePoint == 0x85 || codePoint == 0x2028 || codePoint == 0x2029;
    }

    /** The character's name and code point, as in "ESCAPE (U+001B)". */
    public String describe() {
        String name = Character.getName(codePoint);
        String code = String.format(Locale.ROOT, "U+%04X", codePoint);
        return name == null ? code : name + " (" + code + ")";
    }

    /**
     * What is wrong with a field that holds this character and what to do, for the operator.
     *
     * @param field what the text is, as in "The failure reason"
     */
    public String problemIn(String field) {
        if (isLineBreak()) {
            return field + " holds a line break, " + describe() + ", at character " + position
                    + ": it must be one line. Replace the line break with a space.";
        }
        return field + " holds " + describe() + " at character " + position + ": control and text-direction"
                + " characters can make a terminal or a window show something other than what was sent. Remove it"
                + " (retype the text if it was pasted).";
    }
}
