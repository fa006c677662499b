package io.callbackconsole.cli;

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

/** The terminal's words: every key used is in {@code messages.properties}, every key in it is used, translations work. */
class TerminalWordsTest {
    /** A use of the terminal's words, its key written out (a literal), as {@link TerminalWords} asks. */
    private static final Pattern USE = Pattern.compile("TerminalWords\\.text\\(\\s*(\"?)([^\",)\\s]*)");

    @Test
    void everyKeyUsedIsInTheBundleAndEveryKeyInItIsUsed() throws IOException {
        Set<String> inBundle = new TreeSet<>(RecordingBundle.english(TerminalWords.BUNDLE).keySet());

        assertThat(BundleFiles.keysUsed(USE)).as("keys used").isNotEmpty().isEqualTo(inBundle);
    }

    @Test
    void aKeyMissingFromTheBundleIsAnErrorNotASilentBlank() {
        TerminalWords words = new TerminalWords(new ListResourceBundle() {
            @Override
            protected Object[][] getContents() {
                return new Object[][] {{"fail.oneTarget", "Eins."}};
            }
        });

        assertThat(words.format("fail.oneTarget")).isEqualTo("Eins.");
        assertThatThrownBy(() -> words.format("fail.nothingStale")).isInstanceOf(MissingResourceException.class)
                .hasMessageContaining("fail.nothingStale");
    }

    /** A count is not grouped, an apostrophe written twice is one, and an argument's own quotes and braces stay. */
    @Test
    void argumentsAreShownAsTheyPrintThemselves() {
        TerminalWords words = new TerminalWords(Locale.ROOT);

        assertThat(words.format("recover.notTried", 12345)).startsWith("12345 decision(s) were not tried");
        assertThat(words.format("history.sandboxFile", "/d/{0}'s")).isEqualTo("The sandbox's history, /d/{0}'s (kept"
                + " apart from the AWS connections' history).");
        assertThat(words.format("approve.outputUnnamed", "=x")).isEqualTo("--output takes NAME=VALUE; \"=x\" has no"
                + " name before '='.");
    }

    @Test
    void aTranslationIsAFileBesideTheBundle() {
        TerminalWords xx = new TerminalWords(Locale.forLanguageTag("xx"));

        assertThat(xx.format("fail.oneTarget")).isEqualTo("Xxxx xxxxxxx xxx xx: x TOKEN, --pipeline NAME, --all-stale.");
        assertThat(xx.format("fail.concurrency", 32, 0)).isEqualTo("--concurrency xxxxx 1 xx 32; xxx 0.");
        assertThat(xx.format("fail.nothingStale")).as("what the translation leaves out is said in English")
                .isEqualTo("No pending callback is stale; nothing was changed.");
    }

    @Test
    void aLocaleWithoutATranslationGetsEnglishWhateverTheMachinesLocale() {
        assertThat(new TerminalWords(Locale.forLanguageTag("yy")).format("fail.oneTarget"))
                .isEqualTo("Name exactly one of: a TOKEN, --pipeline NAME, --all-stale.");
    }

    /** "y" and "yes" confirm in every language; a translation adds its own words for yes, nothing else does. */
    @Test
    void yesIsYesAndOnlyYes() {
        assertThat(Confirmation.yes("Y")).isTrue();
        assertThat(Confirmation.yes("yes")).isTrue();
        assertThat(Confirmation.yes("")).isFalse();
        assertThat(Confirmation.yes("no")).isFalse();
        assertThat(Confirmation.yes("yess")).isFalse();
    }

    @Test
    void theBundleAndItsTranslationsAreWellFormed() throws IOException {
        BundleFiles.assertWellFormed("io/callbackconsole/cli", "messages");
        assertThat(BundleFiles.translations("io/callbackconsole/cli", "messages")).isNotEmpty();
    }
}
