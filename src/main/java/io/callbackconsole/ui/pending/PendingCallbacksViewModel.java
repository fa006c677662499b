package io.callbackconsole.ui.pending;

import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.triage.SubmissionResult;
import io.callbackconsole.ui.common.task.TaskExecutor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

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

    /**
     * A new connection, or none ({@code session} null): every piece starts afresh. {@code tasks} is the connection's
     * executor, closed with it.
     */
    public void attach(ConsoleSession session, TaskExecutor tasks) {
        peeking.set(session != null && session.peeking());
        if (session == null) {
            table.clear("Connecting…");
        }
        decision.attach(session, tasks);
        bulk.attach(session, tasks);
        discovery.attach(session, tasks);
    }

    /** Told of every decision's result (single or bulk), e.g. to reload the history and notify. */
    public void onSubmission(Consumer<SubmissionResult> listener) {
        decision.onSubmission(listener);
        bulk.onSubmission(listener);
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

    /** True when the session holds no message (peek): releasing means nothing, and other consumers see every row. */
    public ReadOnlyBooleanProperty peekingProperty() {
        return peeking.getReadOnlyProperty();
    }
}
