package io.callbackconsole.ui.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbackconsole.wording.BundleFiles;
import io.callbackconsole.wording.RecordingBundle;
import java.io.IOException;
import java.util.ListResourceBundle;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The window's words: every key used is in {@code labels.properties}, every key in it is used, translations work. */
class WindowWordsTest {
    /** A use of the window's words, its key written out (a literal), as {@link WindowWords} asks. */
    private static final Pattern USE = Pattern.compile("WindowWords\\.(?:text|phrase)\\(\\s*(\"?)([^\",)\\s]*)");

    @Test
    void everyKeyUsedIsInTheBundleAndEveryKeyInItIsUsed() throws IOException {
        Set<String> inBundle = new TreeSet<>(RecordingBundle.english(WindowWords.BUNDLE).keySet());

        assertThat(BundleFiles.keysUsed(USE)).as("keys used").isNotEmpty().isEqualTo(inBundle);
    }

    @Test
    void aKeyMissingFromTheBundleIsAnErrorNotASilentBlank() {
        WindowWords words = new WindowWords(new ListResourceBundle() {
            @Override
            protected Object[][] getContents() {
                return new Object[][] {{"menu.help", "Hilfe"}};
            }
        });

        assertThat(words.format("menu.help")).isEqualTo("Hilfe");
        assertThatThrownBy(() -> words.format("menu.edit")).isInstanceOf(MissingResourceException.class)
                .hasMessageContaining("menu.edit");
    }

    @Test
    void argumentsAreShownAsTheyPrintThemselves() {
        WindowWords words = new WindowWords(new ListResourceBundle() {
            @Override
            protected Object[][] getContents() {
                return new Object[][] {{"count", "{0} rows, it''s {1}"}};
            }
        });

        assertThat(words.format("count", 12345, "F1")).isEqualTo("12345 rows, it's F1");
    }

    @Test
    void aPhraseParsedOnceSaysWhatFormatSaysOnEveryThreadAtOnce() throws Exception {
        WindowWords words = new WindowWords(new ListResourceBundle() {
            @Override
            protected Object[][] getContents() {
                return new Object[][] {{"count", "{0} rows, it''s {1}"}};
            }
        });
        WindowWords.Phrase count = words.phraseOf("count");
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<Boolean>> agreed = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                agreed.add(threads.submit(() -> java.util.stream.IntStream.range(0, 20_000).allMatch(
                        i -> count.format(i, thread).equals(i + " rows, it's " + thread))));
            }
            for (java.util.concurrent.Future<Boolean> each : agreed) {
                assertThat(each.get()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(count.format(12345, "F1")).isEqualTo(words.format("count", 12345, "F1"));
        assertThatThrownBy(() -> words.phraseOf("menu.edit")).isInstanceOf(MissingResourceException.class);
    }

    @Test
    void aTranslationIsAFileBesideTheBundle() {
        WindowWords xx = new WindowWords(Locale.forLanguageTag("xx"));

        assertThat(xx.format("menu.help")).isEqualTo("Xxxx");
        assertThat(xx.format("keyboard.menuItem", "F1")).isEqualTo("Xxxxxxxx xxxxxxxxx (F1)");
        assertThat(xx.format("menu.edit")).as("what the translation leaves out is said in English").isEqualTo("Edit");
    }

    @Test
    void aLocaleWithoutATranslationGetsEnglishWhateverTheMachinesLocale() {
        assertThat(new WindowWords(Locale.forLanguageTag("yy")).format("menu.help")).isEqualTo("Help");
    }

    @Test
    void theBundleAndItsTranslationsAreWellFormed() throws IOException {
        BundleFiles.assertWellFormed("io/callbackconsole/ui", "labels");
    }
}
