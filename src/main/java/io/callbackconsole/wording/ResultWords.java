package io.callbackconsole.wording;

import io.callbackconsole.domain.Action;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.triage.ResultDetail;
import io.callbackconsole.triage.SubmissionResult;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * What became of a decision, a dismissal, a give-up or a release, in the operator's words for one front end, from
 * the result's status and detail: what happened and, when it did not work, what to do. The sentences are in
 * {@code io/callbackconsole/wording/results.properties}; a translation is a file beside it
 * ({@code results_de.properties}).
 *
 * <p>The words are not escaped: outside text in them (SageMaker's and the history's error messages, a stale reason)
 * is escaped by the front end that shows them, as everything it shows. Immutable and thread-safe.
 */
public final class ResultWords {
    public static final String BUNDLE = "io.callbackconsole.wording.results";

    private final FrontEnd frontEnd;
    private final Sentences sentences;

    /** The words of the default locale (English when there is no translation for it). */
    public ResultWords(FrontEnd frontEnd) {
        this(frontEnd, Locale.getDefault());
    }

    public ResultWords(FrontEnd frontEnd, Locale locale) {
        this(frontEnd, Sentences.of(BUNDLE, locale));
    }

    ResultWords(FrontEnd frontEnd, ResourceBundle bundle) {
        this(frontEnd, new Sentences(bundle));
    }

    private ResultWords(FrontEnd frontEnd, Sentences sentences) {
        this.frontEnd = Objects.requireNonNull(frontEnd, "frontEnd");
        this.sentences = sentences;
    }

    /** What the front end says about one result, its kept SQS message after it; not escaped. */
    public String of(SubmissionResult result) {
        String text = detail(result);
        return result.messageNotDeleted() == null ? text : text + " " + messageKept(result.messageNotDeleted());
    }

    private String messageKept(String why) {
        return text("result.messageKept", why);
    }

    private String detail(SubmissionResult result) {
        ResultDetail detail = result.detail();
        Submission submission = result.submission();
        Outcome outcome = result.outcome();
        if (detail instanceof ResultDetail.NotPending d) {
            return ownText("result.notPending", d.token());
        }
        if (detail instanceof ResultDetail.BeingDecided d) {
            return text("result.beingDecided", d.token());
        }
        if (detail instanceof ResultDetail.BeingDecidedElsewhere d) {
            Submission s = d.underWay();
            return text("result.beingDecidedElsewhere", s.token(), s.operator().name(), s.action(), s.decidedAt(),
                    s.requestToken());
        }
        if (detail instanceof ResultDetail.UnsettledElsewhere d) {
            Submission s = d.earlier();
            return ownText("result.unsettledElsewhere", s.token(), s.action(), s.operator().name(), s.decidedAt(),
                    s.requestToken());
        }
        if (detail instanceof ResultDetail.NotJournaled d) {
            return text("result.notJournaled", d.why());
        }
        if (detail instanceof ResultDetail.NoLongerAnswerable d) {
            return text("result.noLongerAnswerable", d.token(), d.staleReason());
        }
        if (detail instanceof ResultDetail.ExecutionStopping d) {
            return text("result.executionStopping", d.token());
        }
        if (detail instanceof ResultDetail.NotStarted d) {
            return text("result.notStarted", d.token(), d.why());
        }
        if (detail instanceof ResultDetail.NotRepeated d) {
            return text("result.notRepeated", d.token(), d.unansweredInARow());
        }
        if (detail instanceof ResultDetail.SignedOut d) {
            return ownText(result.status() == SubmissionResult.Status.UNKNOWN ? "result.signedOut.unsettled"
                    : "result.signedOut", d.token(), d.errorCode());
        }
        if (detail instanceof ResultDetail.Applied) {
            return text(submission.action() == Action.APPROVE ? "result.approved" : "result.failed",
                    submission.token(), ((Outcome.Accepted) outcome).returnedExecutionArn());
        }
        if (detail instanceof ResultDetail.AppliedToOtherExecution) {
            return text("result.appliedToOtherExecution", submission.token(),
                    ((Outcome.Accepted) outcome).returnedExecutionArn(), submission.executionArn());
        }
        if (detail instanceof ResultDetail.Refused) {
            Outcome.Refused refused = (Outcome.Refused) outcome;
            // The service's own words help a support case; the SDK's local diagnostics repeat the sentence.
            String key = refused.requestId() == null ? "result.refused"
                    : refused.errorMessage() == null ? "result.refused.requestId" : "result.refused.requestIdAndMessage";
            return text(key, refused.explanation(), refused.errorCode(), refused.requestId(), refused.errorMessage());
        }
        if (detail instanceof ResultDetail.NoClearAnswer || detail instanceof ResultDetail.GaveUp) {
            Outcome.Unknown unknown = (Outcome.Unknown) outcome;
            return text("result.noClearAnswer", unknown.explanation(), unknown.errorCode());
        }
        if (detail instanceof ResultDetail.NoClearAnswerNotRecorded d) {
            Outcome.Unknown unknown = (Outcome.Unknown) outcome;
            return text("result.noClearAnswerNotRecorded", unknown.explanation(), d.why(), unknown.errorCode());
        }
        if (detail instanceof ResultDetail.AnsweredNotRecorded d) {
            return text("result.answeredNotRecorded", submission.token(), outcome.kind(), d.why());
        }
        if (detail instanceof ResultDetail.NotSentAfterAll) {
            Outcome.NotSent notSent = (Outcome.NotSent) outcome;
            return text("result.notSentAfterAll", notSent.explanation(), notSent.code());
        }
        if (detail instanceof ResultDetail.NothingToDismiss d) {
            return text("result.nothingToDismiss", d.token());
        }
        if (detail instanceof ResultDetail.DismissalNotJournaled d) {
            return text("result.dismissalNotJournaled", d.why());
        }
        if (detail instanceof ResultDetail.Dismissed d) {
            return text(d.messagesDeleted() ? "result.dismissed.messagesDeleted" : "result.dismissed",
                    submission.token());
        }
        if (detail instanceof ResultDetail.DeleteNotConfirmed d) {
            return ownText("result.deleteNotConfirmed", d.key(), ((Outcome.Unknown) outcome).errorCode());
        }
        if (detail instanceof ResultDetail.DismissedMessageKept d) {
            return messageKept(d.deleteError());
        }
        if (detail instanceof ResultDetail.NothingToGiveUp d) {
            return text(d.beingSent() ? "result.nothingToGiveUp.beingSent" : "result.nothingToGiveUp", d.token());
        }
        if (detail instanceof ResultDetail.GiveUpNotJournaled d) {
            return text("result.giveUpNotJournaled", d.why());
        }
        if (detail instanceof ResultDetail.Released d) {
            return text("result.released", d.token());
        }
        ResultDetail.NotReleased d = (ResultDetail.NotReleased) detail;
        return text("result.notReleased", d.token(), d.problem());
    }

    /** A sentence this front end words in its own way: the key's ".window" or ".terminal" entry. */
    private String ownText(String key, Object... args) {
        return text(key + "." + frontEnd.key(), args);
    }

    private String text(String key, Object... args) {
        return sentences.format(key, args);
    }
}
