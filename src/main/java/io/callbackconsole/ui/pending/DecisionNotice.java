package io.callbackconsole.ui.pending;

import io.callbackconsole.triage.SubmissionResult;
import java.util.Objects;

/**
 * A finished action of the Pending view, titled by what it did ("Step failed", "Dismissed", "Released"), not by a
 * catch-all "Submitted": a dismissal or a release submits nothing to SageMaker.
 *
 * @param accepted the action went as asked (a notification is shown only then)
 * @param text     what happened, worded for the window and escaped
 */
public record DecisionNotice(String title, boolean accepted, String text) {
    public DecisionNotice {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
    }

    static DecisionNotice of(String title, SubmissionResult result) {
        return new DecisionNotice(title, result.accepted(), DecisionWording.of(result));
    }
}
