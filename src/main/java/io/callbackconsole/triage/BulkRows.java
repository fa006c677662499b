package io.callbackconsole.triage;

import io.callbackconsole.domain.CallbackToken;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outcome of each token of one bulk run, in the order the tokens were given: reported as each is known (to the
 * session first, then to the progress listener) and put together into the run's summary at the end. Rows are finished
 * from the run's threads, each row once.
 */
final class BulkRows {
    private static final Logger log = LoggerFactory.getLogger(BulkRows.class);

    private final List<CallbackToken> tokens;
    private final BulkSubmission.RowOutcome[] outcomes;
    private final Consumer<BulkSubmission.RowOutcome> afterEach;
    private final Consumer<BulkSubmission.RowOutcome> progress;

    BulkRows(List<CallbackToken> tokens, Consumer<BulkSubmission.RowOutcome> afterEach,
             Consumer<BulkSubmission.RowOutcome> progress) {
        this.tokens = List.copyOf(tokens);
        this.outcomes = new BulkSubmission.RowOutcome[tokens.size()];
        this.afterEach = Objects.requireNonNull(afterEach);
        this.progress = Objects.requireNonNull(progress);
    }

    int size() {
        return tokens.size();
    }

    CallbackToken token(int index) {
        return tokens.get(index);
    }

    void finish(int index, SubmissionResult result) {
        BulkSubmission.RowOutcome outcome = new BulkSubmission.RowOutcome(tokens.get(index), result);
        synchronized (outcomes) {
            outcomes[index] = outcome;
        }
        try {
            afterEach.accept(outcome);
            progress.accept(outcome);
        } catch (RuntimeException e) {
            log.warn("Reporting the bulk outcome of {} failed", outcome.token(), e);
        }
    }

    /** Every row; a token that was never claimed (cancelled, or the breaker opened before its turn) is not sent. */
    BulkSubmission.Summary summary(boolean cancelled, boolean breakerOpened, String signedOutBy) {
        List<BulkSubmission.RowOutcome> all;
        synchronized (outcomes) {
            all = new ArrayList<>(Arrays.asList(outcomes));
        }
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) == null) {
                all.set(i, new BulkSubmission.RowOutcome(tokens.get(i), null));
            }
        }
        return new BulkSubmission.Summary(all, cancelled, breakerOpened, signedOutBy);
    }
}
