package io.callbackconsole.ui.common;

import io.callbackconsole.wording.Sentences;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The window's own words — its menus and dialogs — from {@code io/callbackconsole/ui/labels.properties}: a
 * translation is a file beside it ({@code labels_de.properties}), and a key it lacks is said in English. Every entry
 * is a MessageFormat pattern (a single quote is written twice); arguments are shown as they print themselves, so a
 * count is never grouped ("1,000"). Outside text passed as an argument is escaped by the caller, as everywhere.
 * Keys are written out where they are used ({@code WindowWords.text("menu.help")}), so a test can check that every
 * key used is in the bundle and every key in it is used. Immutable and thread-safe.
 *
 * <p>Text made very often (a table's rows, compared on every sort) takes a {@link Phrase} once instead
 * ({@code WindowWords.phrase("row.stale")}): its pattern is parsed once per thread rather than on every call.
 */
public final class WindowWords {
    public static final String BUNDLE = "io.callbackconsole.ui.labels";

    private static final WindowWords DEFAULT = new WindowWords(Locale.getDefault());

    private final Sentences sentences;

    /** The words of {@code locale} (English where it has no translation, whatever the machine's locale). */
    public WindowWords(Locale locale) {
        this.sentences = Sentences.of(BUNDLE, locale);
    }

    WindowWords(ResourceBundle bundle) {
        this.sentences = new Sentences(bundle);
    }

    /** The entry {@code key} in the default locale, with its arguments. */
    public static String text(String key, Object... args) {
        return DEFAULT.format(key, args);
    }

    /** The entry {@code key} in the default locale, parsed once, to format many times on any thread. */
    public static Phrase phrase(String key) {
        return DEFAULT.phraseOf(key);
    }

    /** The entry {@code key} with its arguments; a key the bundle lacks is an error, never a blank. */
    public String format(String key, Object... args) {
        return sentences.format(key, args);
    }

    /** The entry {@code key}, parsed once; a key the bundle lacks is an error now, not at the first use. */
    public Phrase phraseOf(String key) {
        return new Phrase(sentences.parse(key));
    }

    /**
     * One entry of the window's words, parsed once. A {@link MessageFormat} is not thread-safe, and rows are worded on
     * the poller's thread as well as the FX thread: each thread formats with its own copy of the parsed pattern.
     */
    public static final class Phrase {
        private final ThreadLocal<MessageFormat> format;

        private Phrase(MessageFormat parsed) {
            this.format = ThreadLocal.withInitial(() -> (MessageFormat) parsed.clone());
        }

        /** The entry with its arguments, shown as they print themselves (as {@link WindowWords#format}). */
        public String format(Object... args) {
            return format.get().format(Sentences.shown(args));
        }
    }
}
