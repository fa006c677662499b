package io.callbackconsole.ui.history;

import io.callbackconsole.history.AuditColumn;
import io.callbackconsole.history.AuditLog;
import io.callbackconsole.ui.common.task.BackgroundTask;
import io.callbackconsole.ui.common.task.TaskExecutor;
import io.callbackconsole.ui.common.WindowWords;
import java.util.List;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The values the History filter offers to choose from (pipelines, operators, actions), read from the history off the
 * FX thread each time the table reloads. FX thread only.
 */
public final class FilterChoices {
    private static final Logger log = LoggerFactory.getLogger(FilterChoices.class);

    private final ObservableList<String> pipelines = FXCollections.observableArrayList();
    private final ObservableList<String> operators = FXCollections.observableArrayList();
    private final ObservableList<String> actions = FXCollections.observableArrayList();
    /** Counts reads, so an answer for an older reload (or a history let go of) never replaces a newer one. */
    private long generation;

    /** Reads the choices of {@code target} again; a failure is told to {@code problem} in words. */
    void reload(AuditLog target, TaskExecutor on, Consumer<String> problem) {
        record Choices(List<String> pipelines, List<String> operators, List<String> actions) {
        }
        long mine = ++generation;
        on.execute(BackgroundTask.of(() -> new Choices(target.distinctValues(AuditColumn.PIPELINE_NAME),
                target.distinctValues(AuditColumn.OPERATOR), target.distinctValues(AuditColumn.ACTION)))
                .named("read the history's filter choices").onSuccess(choices -> {
                    if (mine != generation) {
                        return;
                    }
                    pipelines.setAll(choices.pipelines());
                    operators.setAll(choices.operators());
                    actions.setAll(choices.actions());
                }).onFailure(error -> {
                    // The table still works; only the filter's choice lists are incomplete. Say so.
                    log.warn("Cannot read the history's filter choices", error);
                    if (mine == generation) {
                        problem.accept(WindowWords.text("history.filter.cannotList", error.getMessage()));
                    }
                }));
    }

    /** Ignores answers still to come: their history was let go of. */
    void forget() {
        generation++;
    }

    public ObservableList<String> pipelines() {
        return pipelines;
    }

    public ObservableList<String> operators() {
        return operators;
    }

    public ObservableList<String> actions() {
        return actions;
    }
}
