package io.callbackconsole.wording;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The console's classes as a machine set to another locale starts them: loaded afresh, with that locale the default
 * while they are, so the window's words ({@code WindowWords}, read once per class) come from that locale's file. What
 * the console shows can then be read in a translation without restarting the test's JVM.
 */
public final class TranslatedConsole {
    private TranslatedConsole() {
    }

    /**
     * What {@code probe} (a {@code Supplier<String>} with a no-argument constructor, among the test's classes) returns
     * when the console runs in {@code locale}.
     */
    @SuppressWarnings("unchecked")
    public static String read(Locale locale, Class<? extends Supplier<String>> probe) throws Exception {
        Locale machine = Locale.getDefault();
        Locale.setDefault(locale);
        try {
            Class<?> fresh = Class.forName(probe.getName(), true, new FreshLoader(probe.getClassLoader()));
            return ((Supplier<String>) fresh.getDeclaredConstructor().newInstance()).get();
        } finally {
            Locale.setDefault(machine);
        }
    }

    /** Loads the console's own classes again (child first), everything else from the test's class loader. */
    private static final class FreshLoader extends ClassLoader {
        FreshLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("io.callbackconsole.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    try (InputStream bytes = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        if (bytes == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] code = bytes.readAllBytes();
                        loaded = defineClass(name, code, 0, code.length);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }
}
