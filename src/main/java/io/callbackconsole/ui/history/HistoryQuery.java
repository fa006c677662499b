package io.callbackconsole.ui.history;

import io.callbackconsole.history.AuditFilter;
import io.callbackconsole.history.AuditSort;
import io.callbackconsole.history.DecisionSort;
import java.util.Objects;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * What the History tab asks the audit log for: decisions or raw events, the filter they share and each one's sort.
 * Each setter says whether anything changed, so the view model reloads only then. FX thread only.
 */
final class HistoryQuery {
    private final ReadOnlyObjectWrapper<HistoryViewModel.Shown> shown =
            new ReadOnlyObjectWrapper<>(HistoryViewModel.Shown.DECISIONS);
    private AuditFilter filter = AuditFilter.everything();
    private AuditSort sort = AuditSort.NEWEST_FIRST;
    private DecisionSort decisionSort = DecisionSort.NEWEST_FIRST;

    boolean setFilter(AuditFilter newFilter) {
        Objects.requireNonNull(newFilter, "newFilter");
        if (newFilter.equals(filter)) {
            return false;
        }
        filter = newFilter;
        return true;
    }

    boolean sortBy(AuditSort newSort) {
        Objects.requireNonNull(newSort, "newSort");
        if (newSort.equals(sort)) {
            return false;
        }
        sort = newSort;
        return true;
    }

    boolean sortDecisionsBy(DecisionSort newSort) {
        Objects.requireNonNull(newSort, "newSort");
        if (newSort.equals(decisionSort)) {
            return false;
        }
        decisionSort = newSort;
        return true;
    }

    boolean show(HistoryViewModel.Shown what) {
        Objects.requireNonNull(what, "what");
        if (what == shown.get()) {
            return false;
        }
        shown.set(what);
        return true;
    }

    boolean decisionsShown() {
        return shown.get() == HistoryViewModel.Shown.DECISIONS;
    }

    ReadOnlyObjectProperty<HistoryViewModel.Shown> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    AuditFilter filter() {
        return filter;
    }

    AuditSort sort() {
        return sort;
    }

    DecisionSort decisionSort() {
        return decisionSort;
    }
}
