package io.callbackconsole.ui.history;

import io.callbackconsole.history.AuditFilter;
import io.callbackconsole.history.AuditLog;
import io.callbackconsole.history.DecisionsPerDay;
import io.callbackconsole.ui.common.task.BackgroundTask;
import io.callbackconsole.ui.common.task.TaskExecutor;
import io.callbackconsole.ui.common.WindowWords;
import java.util.concurrent.CancellationException;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The History chart's state: decisions per UTC day under the table's filter, split by outcome or (on request) by
 * operator, over the {@value #DAYS} days ending on the newest matching decision's day. Counted by the history off the
 * FX thread each time the table reloads (a filter change, a new decision) and when the split changes. FX thread only.
 */
public final class DecisionChartModel {
    /** How many days the chart covers at most: a month of decisions reads at a glance; older ones are in the table. */
    public static final int DAYS = 30;
    private static final Logger log = LoggerFactory.getLogger(DecisionChartModel.class);

    private final ObjectProperty<DecisionsPerDay.SplitBy> splitBy =
            new SimpleObjectProperty<>(DecisionsPerDay.SplitBy.OUTCOME);
    private final ReadOnlyObjectWrapper<DecisionChartData> data = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper("");
    /** Counts reads, so an answer for an older filter (or a history let go of) never replaces a newer one. */
    private long generation;
    private AuditLog target;
    private AuditFilter filter;
    private TaskExecutor tasks;
    /** The count asked for last; a newer one cancels it, so a burst of reloads (a bulk run) counts once or twice. */
    private BackgroundTask<DecisionChartData> counting;

    DecisionChartModel() {
        splitBy.addListener((obs, old, now) -> {
            if (target != null) {
                read();
            }
        });
    }

    /** Counts the decisions of {@code target} matching {@code newFilter} again, on {@code on}. */
    void load(AuditLog newTarget, AuditFilter newFilter, TaskExecutor on) {
        target = newTarget;
        filter = newFilter;
        tasks = on;
        read();
    }

    /** No history: no counts, and answers still to come are ignored. */
    void forget() {
        generation++;
        if (counting != null) {
            counting.cancel();
        }
        target = null;
        data.set(null);
        state.set("");
    }

    private void read() {
        long mine = ++generation;
        AuditLog reading = target;
        AuditFilter f = filter;
        DecisionsPerDay.SplitBy split = splitBy.get();
        if (data.get() == null) {
            state.set(WindowWords.text("chart.counting"));
        }
        if (counting != null) {
            counting.cancel();
        }
        counting = BackgroundTask.of(() -> new DecisionChartData(reading.decisionsPerDay(f, split, DAYS)))
                .named("count decisions per day").onSuccess(counted -> {
                    if (mine == generation) {
                        data.set(counted);
                        state.set(counted.isEmpty() ? counted.summary() : "");
                    }
                }).onFailure(CancellationException.class, cancelled -> {
                    // A newer count replaced it before it started: nothing to show, nothing wrong.
                }).onFailure(error -> {
                    // The table still lists the decisions; only the picture of them is missing. Say so.
                    log.warn("Cannot count decisions per day", error);
                    if (mine == generation) {
                        data.set(null);
                        state.set(WindowWords.text("chart.cannotCount", error.getMessage()));
                    }
                });
        tasks.execute(counting);
    }

    /** By outcome (the default) or by operator; a change counts again. */
    public ObjectProperty<DecisionsPerDay.SplitBy> splitByProperty() {
        return splitBy;
    }

    /** The series to draw; null before the first count, after a failed one and with no history. */
    ReadOnlyObjectProperty<DecisionChartData> dataProperty() {
        return data.getReadOnlyProperty();
    }

    /** Why there is nothing to draw (counting, nothing matches, a read failed); empty while the chart shows counts. */
    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }
}
