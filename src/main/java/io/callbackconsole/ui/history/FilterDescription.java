package io.callbackconsole.ui.history;

import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.history.AuditFilter;
import io.callbackconsole.ui.common.WindowWords;
import java.util.ArrayList;
import java.util.List;

/**
 * A History filter as the window says it ("pipeline = nightly, text ~ "OPS-42""), in the window's words; the CLI
 * keeps {@link AuditFilter#describe()}. The values come from stored rows and the operator's typing: escaped.
 */
final class FilterDescription {
    private FilterDescription() {
    }

    static String of(AuditFilter filter) {
        List<String> parts = new ArrayList<>();
        if (filter.from() != null) {
            parts.add(WindowWords.text("history.filterSaid.from", filter.from()));
        }
        if (filter.to() != null) {
            parts.add(WindowWords.text("history.filterSaid.to", filter.to()));
        }
        if (filter.pipeline() != null) {
            parts.add(WindowWords.text("history.filterSaid.pipeline", DisplayText.escape(filter.pipeline())));
        }
        if (filter.operator() != null) {
            parts.add(WindowWords.text("history.filterSaid.operator", DisplayText.escape(filter.operator())));
        }
        if (filter.action() != null) {
            parts.add(WindowWords.text("history.filterSaid.action", DisplayText.escape(filter.action())));
        }
        if (filter.outcome() != null) {
            parts.add(WindowWords.text("history.filterSaid.outcome", DisplayText.escape(filter.outcome())));
        }
        if (filter.text() != null) {
            parts.add(WindowWords.text("history.filterSaid.text", DisplayText.escape(filter.text())));
        }
        return parts.isEmpty() ? WindowWords.text("history.filterSaid.everything")
                : String.join(WindowWords.text("history.filterSaid.and"), parts);
    }
}
