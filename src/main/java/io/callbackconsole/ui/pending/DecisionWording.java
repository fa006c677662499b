package io.callbackconsole.ui.pending;

import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.triage.SubmissionResult;
import io.callbackconsole.wording.FrontEnd;
import io.callbackconsole.wording.ResultWords;

/**
 * How the window words the result of a decision, a dismissal, a give-up or a release: the window's sentences of
 * {@link ResultWords}, escaped, as everything a label shows.
 */
public final class DecisionWording {
    private static final ResultWords WORDS = new ResultWords(FrontEnd.WINDOW);

    private DecisionWording() {
    }

    /** What the decision pane and a notification say about one result; outside text in it is escaped. */
    public static String of(SubmissionResult result) {
        return DisplayText.escape(WORDS.of(result));
    }
}
