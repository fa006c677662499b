package io.callbackconsole.cli;

import io.callbackconsole.wording.Sentences;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The command line's own sentences — its errors, prompts and summaries on the terminal — from
 * {@code io/callbackconsole/cli/messages.properties}: a translation is a file beside it
 * ({@code messages_de.properties}), and a key it lacks is said in English. Every entry is a MessageFormat pattern (a
 * single quote is written twice), read through {@link Sentences}: arguments are shown as they print themselves, so a
 * count is never grouped ("1,000") and an instant never localised.
 * Outside text passed as an argument is escaped by the caller, as everything the terminal prints. Keys are written out
 * where they are used ({@code TerminalWords.text("fail.oneTarget")}), so a test can check that every key used is in
 * the bundle. Immutable and thread-safe.
 *
 * <p>What a file format or an audit record holds (exports, JSON keys, reasons written into the history, the result
 * rows scripts read on stdout) is not here: it is not the operator's language but the format's.
 */
public final class TerminalWords {
    public static final String BUNDLE = "io.callbackconsole.cli.messages";
    /** The commands' {@code --help}, read by picocli (not MessageFormat: see the file's head). */
    public static final String HELP_BUNDLE = "io.callbackconsole.cli.help";

    private static final TerminalWords DEFAULT = new TerminalWords(Locale.getDefault());

    private final Sentences sentences;

    /** The words of {@code locale} (English where it has no translation, whatever the machine's locale). */
    public TerminalWords(Locale locale) {
        this.sentences = Sentences.of(BUNDLE, locale);
    }

    TerminalWords(ResourceBundle bundle) {
        this.sentences = new Sentences(bundle);
    }

    /** The entry {@code key} in the default locale, with its arguments. */
    public static String text(String key, Object... args) {
        return DEFAULT.format(key, args);
    }

    /** The entry {@code key} with its arguments; a key the bundle lacks is an error, never a blank. */
    public String format(String key, Object... args) {
        return sentences.format(key, args);
    }
}
