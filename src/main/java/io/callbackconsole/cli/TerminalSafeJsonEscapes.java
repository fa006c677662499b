package io.callbackconsole.cli;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import io.callbackconsole.domain.UnsafeCharacter;
import java.util.Locale;

/**
 * JSON string escapes for output a terminal may show: Jackson escapes C0 controls by itself; this also writes DEL, C1
 * controls, line separators and text-direction characters as backslash-u escapes. The JSON stays exact (every parser
 * reads the same string back), but piping it to a terminal cannot redraw the screen.
 */
final class TerminalSafeJsonEscapes extends CharacterEscapes {
    private final int[] asciiEscapes = standardAsciiEscapesForJSON();

    TerminalSafeJsonEscapes() {
        asciiEscapes[0x7F] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return asciiEscapes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        return UnsafeCharacter.isUnsafe(ch) ? new SerializedString(String.format(Locale.ROOT, "\\u%04x", ch)) : null;
    }
}
