package io.callbackconsole.wording;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * One bundle of the console's sentences (the window's, the terminal's, the results'), read as every front end reads
 * them: a locale's file or English, never the machine's own locale in between; an entry formatted by
 * {@link MessageFormat} with its arguments as they print themselves (MessageFormat would group a count, "1,000", and
 * localise an instant); a key the bundle lacks is an error, never a blank. Immutable and thread-safe.
 */
public final class Sentences {
    private final ResourceBundle bundle;

    public Sentences(ResourceBundle bundle) {
        this.bundle = Objects.requireNonNull(bundle, "bundle");
    }

    /** The bundle {@code name} of {@code locale}: its file, or the English one where it has none. */
    public static Sentences of(String name, Locale locale) {
        return new Sentences(ResourceBundle.getBundle(name, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
    }

    /** The entry {@code key} with its arguments. */
    public String format(String key, Object... args) {
        return parse(key).format(shown(args));
    }

    /** The entry {@code key} parsed, for text made very often; a {@link MessageFormat} is not thread-safe. */
    public MessageFormat parse(String key) {
        return new MessageFormat(bundle.getString(key), bundle.getLocale());
    }

    /** The arguments as they print themselves, for {@link MessageFormat#format(Object)}. */
    public static Object[] shown(Object[] args) {
        Object[] shown = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            shown[i] = String.valueOf(args[i]);
        }
        return shown;
    }
}
