package io.callbackconsole.ui.history;

import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.history.AuditColumn;
import io.callbackconsole.history.AuditRecord;
import java.util.StringJoiner;

/** How an audit row reads when copied or shown in full. */
final class AuditRecordText {
    private AuditRecordText() {
    }

    /** Every field, one "Title: value" per line, for the detail pane. */
    static String details(AuditRecord record) {
        if (record == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (AuditColumn column : AuditColumn.values()) {
            String value = record.get(column);
            text.append(ColumnTitles.of(column)).append(": ").append(value == null ? "—" : DisplayText.escape(value))
                    .append('\n');
        }
        return text.toString();
    }

    /** The row as one tab-separated line in column order (pastes into a spreadsheet); tabs and newlines flattened. */
    static String row(AuditRecord record) {
        StringJoiner line = new StringJoiner("\t");
        for (AuditColumn column : AuditColumn.values()) {
            String value = record.get(column);
            line.add(value == null ? "" : value.replace('\t', ' ').replace("\r", " ").replace('\n', ' '));
        }
        return line.toString();
    }
}
