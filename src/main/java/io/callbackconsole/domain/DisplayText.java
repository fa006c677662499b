package io.callbackconsole.domain;

import java.util.Locale;

/**
 * Text from outside the console (message bodies, pipeline names, parameters, error messages, rows an older console
 * stored) in a form that is safe to print on a terminal or put in a label: every {@link UnsafeCharacter} is replaced
 * by a visible escape, backslash-n, -r and -t for the common three and backslash-u and four hex digits (u001b)
 * for the rest, so the text stays on one line and shows exactly what it holds. Backslashes are left as they are: doubling
 * them would make every Windows path and JSON string in a message harder to read, and such an escape typed as six plain
 * characters cannot rewrite anything.
 */
public final class DisplayText {
    private DisplayText() {
    }

    /** The text with every unsafe character escaped; "" for null. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        if (UnsafeCharacter.firstIn(text).isEmpty()) {
            return text;
        }
        StringBuilder shown = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(codePoint -> shown.append(escape(codePoint)));
        return shown.toString();
    }

    /**
     * As {@link #escape(String)}, keeping line breaks ({@code \n}, and {@code \r\n} as one) as they are: for text
     * areas that show a message body over several lines, where a line break is layout, not a trick.
     */
    public static String escapeKeepingLineBreaks(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder shown = new StringBuilder(text.length() + 16);
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            shown.append(i == 0 ? "" : "\n").append(escape(lines[i]));
        }
        return shown.toString();
    }

    /** One character as it is shown: itself, or its escape when it is unsafe. */
    public static String escape(int codePoint) {
        if (!UnsafeCharacter.isUnsafe(codePoint)) {
            return Character.toString(codePoint);
        }
        return switch (codePoint) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> String.format(Locale.ROOT, "\\u%04x", codePoint);
        };
    }
}
