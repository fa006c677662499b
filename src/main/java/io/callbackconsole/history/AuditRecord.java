package io.callbackconsole.history;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One row of the journal exactly as stored, every column as its text (null where empty). Not validated: an auditor
 * must be able to read whatever is in the file, including rows the console would never write.
 */
public final class AuditRecord {
    private final String[] values;

    AuditRecord(String[] values) {
        if (values.length != AuditColumn.values().length) {
            throw new IllegalArgumentException("An audit record has " + AuditColumn.values().length
                    + " columns; got " + values.length);
        }
        this.values = values.clone();
    }

    /** Builds a record from column values; columns not given are null. For tests and tools. */
    public static AuditRecord of(Map<AuditColumn, String> columns) {
        String[] values = new String[AuditColumn.values().length];
        columns.forEach((column, value) -> values[column.ordinal()] = value);
        return new AuditRecord(values);
    }

    /** The column's text, or null. */
    public String get(AuditColumn column) {
        return values[column.ordinal()];
    }

    public long seq() {
        return Long.parseLong(get(AuditColumn.SEQ));
    }

    /** Every column in display order, nulls included. */
    public Map<AuditColumn, String> asMap() {
        Map<AuditColumn, String> map = new LinkedHashMap<>();
        for (AuditColumn column : AuditColumn.values()) {
            map.put(column, values[column.ordinal()]);
        }
        return map;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuditRecord other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "AuditRecord[seq " + get(AuditColumn.SEQ) + ", " + get(AuditColumn.KIND) + " on "
                + Objects.toString(get(AuditColumn.CALLBACK_TOKEN)) + "]";
    }
}
