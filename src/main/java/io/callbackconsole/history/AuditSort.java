package io.callbackconsole.history;

import java.util.Objects;

/** The order of audit rows: one column, then seq in the same direction so the order is total and stable. */
public record AuditSort(AuditColumn column, boolean ascending) {

    public static final AuditSort NEWEST_FIRST = new AuditSort(AuditColumn.RECORDED_AT, false);

    public AuditSort {
        Objects.requireNonNull(column, "column");
    }

    String orderBy(AuditSql sql) {
        String direction = ascending ? "ASC" : "DESC";
        return column == AuditColumn.SEQ ? "seq " + direction
                : column.sqlName() + " " + sql.direction(ascending, column != AuditColumn.RECORDED_AT) + ", seq "
                + direction;
    }

    public String describe() {
        return column.sqlName() + (ascending ? " ascending" : " descending");
    }
}
