package io.callbackconsole.wording;

import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;

/** A bundle that hands out another's entries and remembers which keys were asked for. */
public final class RecordingBundle extends ResourceBundle {
    private final ResourceBundle words;
    private final Set<String> asked = Collections.synchronizedSet(new TreeSet<>());

    public RecordingBundle(ResourceBundle words) {
        this.words = words;
    }

    /** The base bundle of {@code name}, in English, without the default locale's translation. */
    public static ResourceBundle english(String name) {
        return ResourceBundle.getBundle(name, Locale.ROOT,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    @Override
    protected Object handleGetObject(String key) {
        asked.add(key);
        return words.getObject(key);
    }

    @Override
    public Enumeration<String> getKeys() {
        return words.getKeys();
    }

    @Override
    public Locale getLocale() {
        return words.getLocale();
    }

    public Set<String> asked() {
        return new TreeSet<>(asked);
    }
}
