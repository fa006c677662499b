package io.callbackconsole.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.wording.BundleFiles;
import io.callbackconsole.wording.RecordingBundle;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;

/** The explainer classifies; {@code faults.properties} words: the same sentences as before, one key per kind. */
class FaultWordsTest {
    private static final CallDeadline DEADLINE = CallDeadline.of(Duration.ofSeconds(10), 3);

    /**
     * Every failure is explained as before the words moved into the bundle ({@code faults-golden.tsv} holds what
     * the explainer said then): the history records the sentence the operator was shown, so its wording is kept.
     */
    @Test
    void everyFailureIsExplainedAsBefore() throws IOException {
        List<String> now = new ArrayList<>();
        explainAll(RecordingBundle.english(FaultWords.BUNDLE), (how, e) -> now.add(how + "\t" + e.code() + "\t"
                + e.answered() + "\t" + e.serviceMessage() + "\t" + e.requestId() + "\t" + e.explanation()));

        assertThat(now).containsExactlyElementsOf(golden());
    }

    /** An explanation the bundle lacks fails the build, and so does one no failure uses any more. */
    @Test
    void everyKeyUsedIsInTheBundleAndEveryKeyInItIsUsed() {
        RecordingBundle bundle = new RecordingBundle(RecordingBundle.english(FaultWords.BUNDLE));
        Set<FaultKind> kinds = EnumSet.noneOf(FaultKind.class);
        explainAll(bundle, (how, e) -> kinds.add(e.kind()));
        AwsErrorExplainer explainer = new AwsErrorExplainer("ops", new FaultWords(bundle));
        OperatorError noArn = explainer.answerWithoutArn("r-1");
        kinds.add(noArn.kind());
        explainer.sentOnceSignedIn(noArn);

        assertThat(bundle.asked()).isEqualTo(new TreeSet<>(bundle.keySet()));
        assertThat(kinds).as("a sample of every kind").containsExactlyInAnyOrder(FaultKind.values());
        for (FaultKind kind : FaultKind.values()) {
            assertThat(bundle.keySet()).as("the words of " + kind).contains(kind.key());
        }
    }

    /** The gateway's own two sentences, as it wrote them before they moved into the bundle. */
    @Test
    void theGatewaysSentencesReadAsBefore() {
        AwsErrorExplainer explainer = new AwsErrorExplainer("ops");
        OperatorError noArn = explainer.answerWithoutArn("r-1");
        String settled = " Only the same request sent again with its client request token settles it (the console"
                + " retries it; from a terminal, run recover); a new decision would be refused as a conflict if the"
                + " first one took effect.";

        assertThat(noArn.code()).isEqualTo("AnswerWithoutArn");
        assertThat(noArn.answered()).isFalse();
        assertThat(noArn.serviceMessage()).isEqualTo("HTTP 200 without PipelineExecutionArn");
        assertThat(noArn.explanation()).isEqualTo("An answer came (HTTP 200) that does not name the pipeline"
                + " execution, as every answer of SageMaker does, so whether the decision took effect is unknown."
                + settled);
        OperatorError signIn = explainer.explain(FaultSamples.all().get("credentialProblem"));
        assertThat(explainer.sentOnceSignedIn(signIn).explanation()).isEqualTo(signIn.explanation()
                + " Nothing was sent; once you have signed in again the decision is sent with its own request token.");
    }

    @Test
    void theKindSaysWhatTheFailureIsWhateverTheCode() {
        AwsErrorExplainer explainer = new AwsErrorExplainer("ops");
        assertThat(explainer.explain(FaultSamples.sageMaker("ThrottlingException", "slow", 400)).kind())
                .isEqualTo(FaultKind.THROTTLED);
        assertThat(explainer.explain(FaultSamples.sageMaker("Whatever", "slow", 429)).kind())
                .isEqualTo(FaultKind.THROTTLED);
        assertThat(explainer.explain(FaultSamples.sageMaker("ResourceNotFound", "Callback token x not found", 400))
                .kind()).isEqualTo(FaultKind.UNKNOWN_CALLBACK_TOKEN);
        assertThat(explainer.explain(FaultSamples.sageMaker("ResourceNotFound", "Pipeline p not found", 400))
                .kind()).isEqualTo(FaultKind.RESOURCE_NOT_FOUND);
        assertThat(explainer.explain(FaultSamples.sageMaker(null, null, 403)).kind())
                .isEqualTo(FaultKind.NO_AWS_ERROR_CODE);
        assertThat(explainer.asUnknownCallbackToken(explainer.explain(FaultSamples.sageMaker("ResourceNotFound",
                "Pipeline p not found", 400))).kind()).isEqualTo(FaultKind.UNKNOWN_CALLBACK_TOKEN);
    }

    @Test
    void aTranslationIsAFileBesideTheBundle() {
        AwsErrorExplainer xx = new AwsErrorExplainer("ops", new FaultWords(Locale.forLanguageTag("xx")));

        assertThat(xx.explainRead(ApiCallTimeoutException.create(1000)).explanation())
                .as("a key the translation lacks (timeout.read) is said in English")
                .isEqualTo("No answer came from AWS within 1 s in all. Check the network.");
        assertThat(xx.explain(ApiCallTimeoutException.create(1000), DEADLINE).explanation())
                .startsWith("Xx xxxxxx within 10 s, 3 attempts (35 s in all); xxxxx? Only the same request");
    }

    @Test
    void theBundleAndItsTranslationsAreWellFormed() throws IOException {
        BundleFiles.assertWellFormed("io/callbackconsole/aws", "faults");
    }

    /** Every sample, explained for a profile and without one, for a write, a write with its deadline and a read. */
    private static void explainAll(java.util.ResourceBundle bundle, BiConsumer<String, OperatorError> each) {
        FaultWords words = new FaultWords(bundle);
        for (String profile : new String[] {"ops", null}) {
            AwsErrorExplainer explainer = new AwsErrorExplainer(profile, words);
            String who = profile == null ? "default" : profile;
            FaultSamples.all().forEach((name, failure) -> {
                each.accept(name + "\t" + who + "\twrite", explainer.explain(failure));
                each.accept(name + "\t" + who + "\tdeadline", explainer.explain(failure, DEADLINE));
                each.accept(name + "\t" + who + "\tread", explainer.explainRead(failure));
            });
        }
    }

    private static List<String> golden() throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(FaultWordsTest.class.getResourceAsStream(
                "faults-golden.tsv"), StandardCharsets.UTF_8))) {
            in.lines().forEach(lines::add);
        }
        return lines;
    }
}
