package io.callbackconsole.ui.pending;

import io.callbackconsole.triage.SubmissionResult;
import java.util.Objects;

/**
 * A finished action of the Pending view, titled by what it did ("Step failed", "Dismissed", "Released"), not by a
 * catch-all "Submitted": a dismissal or a release submits nothing to SageMaker.
 */
public record DecisionNotice(String title, SubmissionResult result) {
    public DecisionNotice {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(result, "result");
    }
}
