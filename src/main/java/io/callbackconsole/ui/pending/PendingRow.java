package io.callbackconsole.ui.pending;

import io.callbackconsole.domain.CallbackStepState;
import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.domain.PipelineContext;
import io.callbackconsole.triage.CallbackContext;
import io.callbackconsole.triage.RetrySchedule;
import io.callbackconsole.ui.common.Formats;
import io.callbackconsole.ui.common.WindowWords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One row of the pending table: a pending callback and what SageMaker says of it, as of the latest snapshot that held
 * its token. A token keeps one row object while it is pending: a newer snapshot {@linkplain #takeStateOf updates it in
 * place}, so the table's selection (which holds rows) survives every snapshot. Made on any thread (the poller makes
 * the fresh rows); once in the table, read and updated on the FX thread only.
 *
 * <p>Equality is identity: two rows of the same token from different snapshots are different states of a row.
 */
public final class PendingRow {
    /** What a column that needs the execution's context says until SageMaker has answered. */
    static final String LOOKING_UP = WindowWords.text("row.lookingUp");
    /*
     * The row's words, looked up and parsed once: every row of a large table is worded with them on each snapshot.
     */
    private static final String LOOK_UP_FAILED = WindowWords.text("row.lookupFailed");
    private static final String NOT_FOUND = WindowWords.text("row.notFound");
    private static final String FOUND_VIA_SAGEMAKER = WindowWords.text("row.source.sageMaker");
    private static final String STOP_REQUESTED = WindowWords.text("row.stopRequested");
    private static final String EXECUTING_FOUND_VIA_SAGEMAKER = WindowWords.text("row.executingFoundViaSageMaker");
    private static final String RETRY_NOW = WindowWords.text("row.retry.now");
    private static final WindowWords.Phrase RETRY_IN = WindowWords.phrase("row.retry.in");
    private static final WindowWords.Phrase RETRYING = WindowWords.phrase("row.retry.retrying");
    private static final WindowWords.Phrase LAST_TRY = WindowWords.phrase("row.retry.lastTry");
    private static final WindowWords.Phrase BEING_DECIDED = WindowWords.phrase("row.beingDecided");
    private static final WindowWords.Phrase AS_OF = WindowWords.phrase("row.asOf");
    private static final WindowWords.Phrase STALE = WindowWords.phrase("row.stale");
    private static final WindowWords.Phrase EXECUTION_DIFFERS = WindowWords.phrase("row.differs.execution");
    private static final WindowWords.Phrase STEP_DIFFERS = WindowWords.phrase("row.differs.step");
    private static final WindowWords.Phrase RECEIVES_OF = WindowWords.phrase("row.receivesOf");

    private PendingCallback callback;
    private Instant snapshotTime;
    private CallbackContext context;
    /** The redrive maxReceiveCount of its queue; 0 when the queue has none or it is unknown. */
    private int maxReceiveCount;
    /** The background retry of its unanswered decision, or null. */
    private RetrySchedule retry;
    /** When polling last worked, while it fails and this row is what that poll saw; null while polling works. */
    private Instant heldSince;
    /** The operator of another console deciding the token right now, or null. */
    private String beingDecidedBy;
    /**
     * What the filter box matches, lower-cased once when the row is made (off the FX thread), so a keystroke costs one
     * {@code contains} per row.
     */
    private String searchText;
    /**
     * The Status column's text, made once per state of the row (off the FX thread for a fresh row): the column sorts
     * by it, and a sort of a large table compares each row many times.
     */
    private String statusLine;
    /** True while the row is marked new (see {@link NewRows}); FX thread. Kept across snapshots with the row. */
    private boolean unseen;

    /**
     * @param retry     the background retry of its unanswered decision, or null
     * @param heldSince when polling last worked, if it fails now and the row is what that poll saw; else null
     */
    public PendingRow(PendingCallback callback, Instant snapshotTime, CallbackContext context, int maxReceiveCount,
                      RetrySchedule retry, Instant heldSince) {
        this(callback, snapshotTime, context, maxReceiveCount, retry, heldSince, null);
    }

    /** @param beingDecidedBy the operator of another console deciding the token right now, or null */
    public PendingRow(PendingCallback callback, Instant snapshotTime, CallbackContext context, int maxReceiveCount,
                      RetrySchedule retry, Instant heldSince, String beingDecidedBy) {
        this.beingDecidedBy = beingDecidedBy;
        this.callback = Objects.requireNonNull(callback, "callback");
        this.snapshotTime = snapshotTime;
        this.context = Objects.requireNonNull(context, "context");
        this.maxReceiveCount = maxReceiveCount;
        this.retry = retry;
        this.heldSince = heldSince;
        this.statusLine = statusLineOf(this);
        this.searchText = searchTextOf(this);
    }

    public PendingRow(PendingCallback callback, Instant snapshotTime, CallbackContext context, int maxReceiveCount) {
        this(callback, snapshotTime, context, maxReceiveCount, null, null);
    }

    public PendingRow(PendingCallback callback, Instant snapshotTime, CallbackContext context) {
        this(callback, snapshotTime, context, 0);
    }

    public PendingRow(PendingCallback callback, Instant snapshotTime) {
        this(callback, snapshotTime, CallbackContext.notLookedUp());
    }

    /**
     * Takes the state of {@code fresh}, the same token's row from a newer snapshot. FX thread.
     *
     * @throws IllegalArgumentException when {@code fresh} is another token's row
     */
    void takeStateOf(PendingRow fresh) {
        if (!fresh.callback.token().equals(callback.token())) {
            throw new IllegalArgumentException("row of " + fresh.token() + " cannot update the row of " + token());
        }
        callback = fresh.callback;
        snapshotTime = fresh.snapshotTime;
        context = fresh.context;
        maxReceiveCount = fresh.maxReceiveCount;
        retry = fresh.retry;
        heldSince = fresh.heldSince;
        beingDecidedBy = fresh.beingDecidedBy;
        searchText = fresh.searchText;
        statusLine = fresh.statusLine;
    }

    boolean unseen() {
        return unseen;
    }

    /** @return whether it changed */
    boolean unseen(boolean value) {
        boolean changed = unseen != value;
        unseen = value;
        return changed;
    }

    private static String searchTextOf(PendingRow row) {
        return String.join("\n", row.token(), row.callback.executionArn().value(), row.statusText(),
                String.join(" ", row.statusDifferences()),
                row.argumentsSummary(), row.queueName(), row.pipelineDisplayName(), row.stepName())
                .toLowerCase(java.util.Locale.ROOT);
    }

    public PendingCallback callback() {
        return callback;
    }

    public Instant snapshotTime() {
        return snapshotTime;
    }

    public CallbackContext context() {
        return context;
    }

    public int maxReceiveCount() {
        return maxReceiveCount;
    }

    /** The background retry of its unanswered decision, or null when none runs. */
    public RetrySchedule retry() {
        return retry;
    }

    /** The operator of another console deciding the token right now (as the history names them), or null. */
    public String beingDecidedBy() {
        return beingDecidedBy;
    }

    /**
     * "being decided by alice in another console" while another console sharing the team history has the token's
     * decision journaled and not settled; empty otherwise. The name comes from the history: escaped.
     */
    public String beingDecidedText() {
        return beingDecidedBy == null ? "" : BEING_DECIDED.format(DisplayText.escape(beingDecidedBy));
    }

    /** When polling last worked, while polling fails and the row is what that poll saw; null otherwise. */
    public Instant heldSince() {
        return heldSince;
    }

    /**
     * What a decision on this row acts on, as a button names it: "7kfcdae9VK (manual-approval / ManualReview)". Names
     * from SageMaker are escaped: they come from outside.
     */
    public String targetText() {
        String step = stepName();
        return token() + " (" + DisplayText.escape(pipelineDisplayName()) + (step.isEmpty() ? ""
                : " / " + DisplayText.escape(step)) + ")";
    }

    /**
     * "outcome unknown — retrying in 8 s (attempt 4) until 14:05" as of the row's snapshot, "… retrying now …" once
     * due, "… last try in 8 s (attempt 9) at 14:05" when the next send is the last; empty when no retry runs.
     */
    public String retryText() {
        if (retry == null) {
            return "";
        }
        long seconds = snapshotTime == null ? 0
                : (long) Math.ceil(Duration.between(snapshotTime, retry.nextAttemptAt()).toMillis() / 1000.0);
        String when = seconds <= 0 ? RETRY_NOW : RETRY_IN.format(seconds);
        // The deadline is what an operator plans by: after it the console gives up and records so.
        boolean last = !retry.nextAttemptAt().isBefore(retry.giveUpAt());
        return last ? LAST_TRY.format(when, retry.attempt())
                : RETRYING.format(when, retry.attempt(), ShortTimes.hoursMinutes(retry.giveUpAt()));
    }

    /**
     * The Status column: the status, each of the execution's and the step's statuses that differ from it, then what
     * else is true of the row now (a retry, rows held from an old poll). "Executing" when all three agree, "Executing
     * · step Failed" when the step says otherwise. The differences come first: a narrow column cuts the end.
     */
    public String statusLine() {
        return statusLine;
    }

    private static String statusLineOf(PendingRow row) {
        StringBuilder line = new StringBuilder(row.statusText());
        row.statusDifferences().forEach(part -> line.append(" · ").append(part));
        if (row.beingDecidedBy != null) {
            line.append(" · ").append(row.beingDecidedText());
        }
        if (row.retry != null) {
            line.append(" · ").append(row.retryText());
        }
        if (row.heldSince != null) {
            line.append(" · ").append(AS_OF.format(ShortTimes.hoursMinutes(row.heldSince)));
        }
        return line.toString();
    }

    /**
     * What SageMaker says that the message's status does not: "execution Stopping", "step Failed", "look-up failed".
     * A part the status text says already (a stale row's "step Succeeded at 10:42") is not repeated; a look-up still
     * under way is not a difference.
     */
    List<String> statusDifferences() {
        String said = callback.onlyFoundViaSageMaker() ? "Executing" : callback.message().statusText();
        String shown = statusText();
        List<String> parts = new ArrayList<>();
        PipelineContext execution = context.execution();
        if (context.lookup() == CallbackContext.Lookup.FAILED) {
            parts.add(LOOK_UP_FAILED);
        }
        if (execution != null && !execution.executionStatus().equals(said)) {
            parts.add(EXECUTION_DIFFERS.format(execution.executionStatus()));
        }
        String step = stepStatus();
        if (!step.isEmpty() && !step.equals(said)) {
            parts.add(STEP_DIFFERS.format(step));
        }
        parts.removeIf(shown::contains);
        return parts;
    }

    @Override
    public String toString() {
        return "PendingRow[" + token() + ", " + statusText() + "]";
    }

    /** "3", or "3 of 5" when the queue moves messages to a dead-letter queue after 5 receives. */
    public String receivesText() {
        return maxReceiveCount > 0 ? RECEIVES_OF.format(receiveCount(), maxReceiveCount)
                : String.valueOf(receiveCount());
    }

    /**
     * True when few receives are left before SQS moves the message to its dead-letter queue (the last fifth of the
     * limit, at least one): each poll that receives it again, by any consumer, brings it closer.
     */
    public boolean nearDeadLetter() {
        if (maxReceiveCount <= 0 || callback.onlyFoundViaSageMaker()) {
            return false;
        }
        int warnFrom = maxReceiveCount - Math.max(1, maxReceiveCount / 5);
        return receiveCount() >= warnFrom;
    }

    /** What the operator should know about the receive count; empty when nothing. */
    public String deadLetterWarning() {
        if (!nearDeadLetter()) {
            return "";
        }
        int left = Math.max(0, maxReceiveCount - receiveCount());
        return WindowWords.text("row.nearDeadLetter", receiveCount(), maxReceiveCount, left);
    }

    public boolean stale() {
        return context.stale();
    }

    /** From the message or from SageMaker: the execution waits for an answer to stop. */
    public boolean stopRequested() {
        return callback.stopRequested() || context.stopRequested();
    }

    /** The pipeline's display name once known, else its name from the ARN. */
    public String pipelineDisplayName() {
        PipelineContext execution = context.execution();
        return execution == null || execution.pipelineDisplayName() == null ? pipelineName()
                : execution.pipelineDisplayName();
    }

    public String stepName() {
        CallbackStepState step = context.step();
        return step == null ? "" : step.shownName();
    }

    /** True while SageMaker has not answered the look-up of its execution yet (the first poll shows rows before). */
    public boolean lookingUp() {
        return context.lookup() == CallbackContext.Lookup.PENDING;
    }

    /** The Step column: the step's name, or "looking up…" while it is not known yet, never a blank that reads "none". */
    public String stepText() {
        return lookingUp() ? LOOKING_UP : stepName();
    }

    /** The Started by column: who started the execution, or "looking up…" while it is not known yet. */
    public String startedByText() {
        return lookingUp() ? LOOKING_UP : startedBy();
    }

    public String executionStatus() {
        return switch (context.lookup()) {
            case PENDING -> LOOKING_UP;
            case FAILED -> context.execution() == null ? LOOK_UP_FAILED : context.execution().executionStatus()
                    + " (" + LOOK_UP_FAILED + ")";
            case FOUND -> context.execution() == null ? NOT_FOUND : context.execution().executionStatus();
        };
    }

    public String stepStatus() {
        return context.step() == null ? "" : context.step().status();
    }

    public String startedBy() {
        PipelineContext execution = context.execution();
        return execution == null || execution.createdBy() == null ? "" : execution.createdBy();
    }

    /** How long the step has waited (from its start in SageMaker, else from its first message). */
    public String stepAge() {
        return Formats.age(waitingSince(), snapshotTime);
    }

    /** When the step began to wait: its start in SageMaker, else its first message. */
    public Instant waitingSince() {
        CallbackStepState step = context.step();
        return step == null || step.startTime() == null ? callback.firstSentAt() : step.startTime();
    }

    /** How long the step had waited when its snapshot was taken; zero when that is not known. */
    public Duration waitedFor() {
        Instant since = waitingSince();
        return since == null || snapshotTime == null || since.isAfter(snapshotTime) ? Duration.ZERO
                : Duration.between(since, snapshotTime);
    }

    /** Where the token came from: SQS, or only the SageMaker API. */
    public String sourceText() {
        return callback.onlyFoundViaSageMaker() ? FOUND_VIA_SAGEMAKER : "SQS";
    }

    public String token() {
        return callback.token().value();
    }

    public String pipelineName() {
        return callback.executionArn().pipelineName();
    }

    public String executionId() {
        return callback.executionArn().executionId();
    }

    /** "Stop requested" says more to an operator than the wire value "Stopping". */
    public String statusText() {
        if (stale()) {
            return STALE.format(context.staleReason());
        }
        if (stopRequested()) {
            return STOP_REQUESTED;
        }
        return callback.onlyFoundViaSageMaker() ? EXECUTING_FOUND_VIA_SAGEMAKER : callback.message().statusText();
    }

    public String argumentsSummary() {
        return callback.message().argumentsSummary();
    }

    public Instant receivedAt() {
        return callback.lastReceivedAt();
    }

    public String age() {
        return Formats.age(callback.firstSentAt(), snapshotTime);
    }

    public int receiveCount() {
        return callback.receiveCount();
    }

    public String queueName() {
        String url = callback.queueUrl();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    /** @param needle the filter text, trimmed and lower-cased by the caller once per keystroke */
    boolean matches(String needle) {
        return needle.isEmpty() || searchText.contains(needle);
    }
}
