package io.callbackconsole.ui.history;

import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.ui.common.FxBackground;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The History tab's rows, loaded off the FX thread from the session's history. FX thread only. */
public final class HistoryViewModel {
    /** The newest this many submissions; search and paging over the whole history come with the audit view. */
    static final int ROW_LIMIT = 1000;

    private final FxBackground background;
    private final ObservableList<HistoryRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper("No submissions yet.");
    private ConsoleSession session;

    public HistoryViewModel(FxBackground background) {
        this.background = background;
    }

    public void attach(ConsoleSession newSession) {
        this.session = newSession;
        reload();
    }

    public void reload() {
        ConsoleSession target = session;
        if (target == null) {
            return;
        }
        state.set("Loading history…");
        background.run(() -> target.recentHistory(ROW_LIMIT), entries -> {
            rows.setAll(entries.stream().map(HistoryRow::new).toList());
            state.set(entries.isEmpty() ? "No submissions yet. Every decision sent from this console is listed here."
                    : "");
        }, error -> state.set("Cannot read the history: " + error.getMessage()));
    }

    public ObservableList<HistoryRow> rows() {
        return rows;
    }

    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }
}
