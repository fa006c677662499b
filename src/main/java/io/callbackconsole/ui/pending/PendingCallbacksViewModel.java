package io.callbackconsole.ui.pending;

import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.ui.common.task.TaskExecutor;
import io.callbackconsole.ui.common.WindowWords;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The Pending tab's view models, each doing one job: the {@linkplain #table() table} (rows, filter, selection), the
 * {@linkplain #decision() decision} on the focused row, {@linkplain #bulk() bulk} runs and
 * {@linkplain #discovery() discovery}. Attaching a connection hands each its session and the connection's task
 * executor. FX thread only.
 */
public final class PendingCallbacksViewModel {
    private final PendingTableViewModel table = new PendingTableViewModel();
    private final DecisionViewModel decision = new DecisionViewModel(table);
    private final BulkFailViewModel bulk = new BulkFailViewModel(table, decision);
    private final DiscoveryViewModel discovery = new DiscoveryViewModel();
    private final ReadOnlyBooleanWrapper peeking = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper tabTitle = new ReadOnlyStringWrapper();

    private Consumer<DecisionNotice> submissionListener = notice -> { };
    private Consumer<DecisionNotice> noticeListener = notice -> { };

    private ConnectionId lastConnection; // of the last session attached; a detach (null) keeps it
    /** The tokens selected when the last connection was detached, for a resume of the same connection. */
    private PendingTableViewModel.SelectedTokens selectionBeforeDetach;

    public PendingCallbacksViewModel() {
        tabTitle.bind(table.tabTitleProperty());
        decision.onSubmission(this::finished);
        bulk.onSubmission(this::finished);
    }

    /**
     * A new connection, or none ({@code session} null): every piece starts afresh. {@code tasks} is the connection's
     * executor, closed with it.
     */
    public void attach(ConsoleSession session, TaskExecutor tasks) {
        attach(session, tasks, false);
    }

    /**
     * The connection opened again (after a sign-in): as {@link #attach}, but reasons typed and not sent stay with
     * their tokens, and the rows selected are selected again as they reappear, when {@code session} is the connection
     * they were typed on (same {@link ConnectionId}).
     */
    public void resume(ConsoleSession session, TaskExecutor tasks) {
        attach(session, tasks, true);
    }

    private void attach(ConsoleSession session, TaskExecutor tasks, boolean resume) {
        peeking.set(session != null && session.pending().peeking());
        // Nothing of the previous connection stays: rows and selection here; results, outcomes and the Find-waiting
        // summary in the others; drafts too, unless the same connection resumes (retyping a reason after a sign-in
        // is what an operator woken at night should not have to do), and so is the selection, once its rows are
        // back. Until the next connection is known, a detach (null) keeps them.
        if (session == null && (selectionBeforeDetach == null || selectionBeforeDetach.isEmpty())) {
            selectionBeforeDetach = table.selectedTokens();
        }
        table.clear(session == null ? WindowWords.text("pending.state.connecting")
                : WindowWords.text("pending.state.polling"));
        table.sandbox(session != null && session.connection().sandbox());
        boolean keepDrafts = session == null || (resume && session.connectionId().equals(lastConnection));
        if (session != null) {
            lastConnection = session.connectionId();
            if (keepDrafts && selectionBeforeDetach != null) {
                table.restoreSelection(selectionBeforeDetach);
            }
            selectionBeforeDetach = null;
        }
        decision.attach(session, tasks, keepDrafts);
        bulk.attach(session, tasks);
        discovery.attach(session, tasks);
    }

    /** Told of every decision's result (single or bulk), e.g. to reload the history. */
    public void onSubmission(Consumer<DecisionNotice> listener) {
        submissionListener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Told the error code (ExpiredTokenException, MfaRequired, …) when a bulk run of the current connection stopped
     * because AWS said its session is over, e.g. to offer signing in again.
     */
    public void onSignedOut(Consumer<String> listener) {
        bulk.onSignedOut(Objects.requireNonNull(listener, "listener"));
    }

    /** Told of every finished action with a title saying what it did, e.g. to notify the operator. */
    public void onNotice(Consumer<DecisionNotice> listener) {
        noticeListener = Objects.requireNonNull(listener, "listener");
    }

    private void finished(DecisionNotice notice) {
        submissionListener.accept(notice);
        noticeListener.accept(notice);
    }

    public PendingTableViewModel table() {
        return table;
    }

    public DecisionViewModel decision() {
        return decision;
    }

    public BulkFailViewModel bulk() {
        return bulk;
    }

    public DiscoveryViewModel discovery() {
        return discovery;
    }

    /** The Pending tab's title: "Pending 12", or "Pending (3 of 12)" while a filter hides some rows. */
    public ReadOnlyStringProperty tabTitleProperty() {
        return tabTitle.getReadOnlyProperty();
    }

    /** True when the session holds no message (peek): releasing means nothing, and other consumers see every row. */
    public ReadOnlyBooleanProperty peekingProperty() {
        return peeking.getReadOnlyProperty();
    }
}
