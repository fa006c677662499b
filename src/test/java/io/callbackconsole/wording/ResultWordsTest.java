package io.callbackconsole.wording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.triage.ResultDetail;
import io.callbackconsole.triage.SubmissionResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ResultWordsTest {

    /**
     * Every result reads as the window and the terminal worded it before the words moved into the bundle
     * ({@code results-golden.tsv} holds what {@code DecisionWording} and {@code ResultWording} printed then).
     */
    @Test
    void everyResultReadsAsBeforeInBothFrontEnds() throws IOException {
        Map<String, String> before = golden();
        Map<String, String> now = new LinkedHashMap<>();
        for (FrontEnd frontEnd : FrontEnd.values()) {
            ResultWords words = new ResultWords(frontEnd, RecordingBundle.english(ResultWords.BUNDLE));
            ResultSamples.all().forEach((name, result) -> now.put(name + "\t" + frontEnd.key(),
                    DisplayText.escape(words.of(result))));
        }
        assertThat(now).containsExactlyInAnyOrderEntriesOf(before);
    }

    /** A sentence the bundle lacks fails the build, and so does one no result uses any more. */
    @Test
    void everyKeyUsedIsInTheBundleAndEveryKeyInItIsUsed() {
        RecordingBundle bundle = new RecordingBundle(RecordingBundle.english(ResultWords.BUNDLE));
        for (FrontEnd frontEnd : FrontEnd.values()) {
            ResultWords words = new ResultWords(frontEnd, bundle);
            ResultSamples.all().values().forEach(words::of);
        }
        assertThat(bundle.asked()).isEqualTo(new TreeSet<>(bundle.keySet()));
    }

    @Test
    void aKeyMissingFromTheBundleIsAnErrorNotASilentBlank() {
        ResultWords words = new ResultWords(FrontEnd.WINDOW, new ListResourceBundle() {
            @Override
            protected Object[][] getContents() {
                return new Object[][] {{"result.beingDecided", "Token {0} is busy."}};
            }
        });

        assertThat(words.of(ResultSamples.all().get("BeingDecided"))).isEqualTo("Token " + ResultSamples.TOKEN
                + " is busy.");
        assertThatThrownBy(() -> words.of(ResultSamples.all().get("Released")))
                .isInstanceOf(java.util.MissingResourceException.class).hasMessageContaining("result.released");
    }

    /** The samples cover every kind of result, so the two tests above see every sentence. */
    @Test
    void thereIsASampleOfEveryKindOfResult() {
        Set<String> kinds = new TreeSet<>();
        Arrays.stream(ResultDetail.class.getPermittedSubclasses()).forEach(c -> kinds.add(c.getSimpleName()));
        Set<String> sampled = new TreeSet<>();
        ResultSamples.all().values().forEach(r -> sampled.add(r.detail().getClass().getSimpleName()));

        assertThat(sampled).isEqualTo(kinds);
    }

    @Test
    void aTranslationIsAFileBesideTheBundle() {
        ResultWords xx = new ResultWords(FrontEnd.WINDOW, Locale.forLanguageTag("xx"));
        ResultWords terminal = new ResultWords(FrontEnd.TERMINAL, Locale.forLanguageTag("xx"));
        SubmissionResult notPending = ResultSamples.all().get("NotPending");

        assertThat(xx.of(notPending)).isEqualTo("Xx " + ResultSamples.TOKEN + " xx xx xxxxxxx (F5).");
        assertThat(terminal.of(notPending)).isEqualTo("Xx " + ResultSamples.TOKEN + " xx xx xxxxxxx.");
        // What the translation leaves out is said in English, not left blank.
        assertThat(xx.of(ResultSamples.all().get("Released"))).startsWith("Released token " + ResultSamples.TOKEN);
    }

    @Test
    void aLocaleWithoutATranslationGetsEnglishWhateverTheMachinesLocale() {
        assertThat(new ResultWords(FrontEnd.WINDOW, Locale.forLanguageTag("yy")).of(ResultSamples.all()
                .get("NotPending"))).isEqualTo("Token " + ResultSamples.TOKEN + " is no longer pending: it was"
                + " answered or dismissed. Refresh the list (F5).");
    }

    @Test
    void theBundleAndItsTranslationsAreWellFormed() throws IOException {
        BundleFiles.assertWellFormed("io/callbackconsole/wording", "results");
        assertThat(BundleFiles.translations("io/callbackconsole/wording", "results")).isNotEmpty();
    }

    private static Map<String, String> golden() throws IOException {
        Map<String, String> lines = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(ResultWordsTest.class.getResourceAsStream(
                "results-golden.tsv"), StandardCharsets.UTF_8))) {
            for (String line : (Iterable<String>) in.lines()::iterator) {
                List<String> cells = List.of(line.split("\t", 3));
                lines.put(cells.get(0) + "\t" + cells.get(1), cells.get(2));
            }
        }
        return lines;
    }
}
