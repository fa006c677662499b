package io.callbackconsole.history;

import java.util.Objects;

/** The order of decisions: one field, then the intent's seq in the same direction so the order is total and stable. */
public record DecisionSort(DecisionColumn column, boolean ascending) {

    public static final DecisionSort NEWEST_FIRST = new DecisionSort(DecisionColumn.DECIDED_AT, false);

    public DecisionSort {
        Objects.requireNonNull(column, "column");
    }

    String orderBy(AuditSql sql) {
        String direction = ascending ? "ASC" : "DESC";
        return column == DecisionColumn.INTENT_SEQ ? "i.seq " + direction
                : sql.field(column) + " " + sql.direction(ascending, column != DecisionColumn.DECIDED_AT) + ", i.seq "
                + direction;
    }

    public String describe() {
        return column.exportName() + (ascending ? " ascending" : " descending");
    }
}
