package io.callbackconsole.ui.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.history.AuditColumn;
import io.callbackconsole.history.AuditFilter;
import io.callbackconsole.history.DecisionColumn;
import io.callbackconsole.wording.TranslatedConsole;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The History tab's headings and filter description come from the window's words; in English they say what the
 * history layer's titles (the CLI's and the exports') say, so the two never drift apart unnoticed.
 */
class ColumnTitlesTest {
    @Test
    void everyHeadingInEnglishIsTheHistoryLayersTitle() {
        for (AuditColumn column : AuditColumn.values()) {
            assertThat(ColumnTitles.of(column)).as(column.sqlName()).isEqualTo(column.title());
        }
        for (DecisionColumn column : DecisionColumn.values()) {
            assertThat(ColumnTitles.of(column)).as(column.exportName()).isEqualTo(column.title());
        }
    }

    @Test
    void theFilterIsSaidInEnglishAsTheCliSaysItWithOutsideTextEscaped() {
        AuditFilter all = new AuditFilter(Instant.parse("2030-01-01T00:00:00Z"), Instant.parse("2030-01-02T00:00:00Z"),
                "nightly", "alice", "fail", "refused", "OPS-42");

        assertThat(FilterDescription.of(all)).isEqualTo(all.describe());
        assertThat(FilterDescription.of(AuditFilter.everything())).isEqualTo("all rows");
        assertThat(FilterDescription.of(AuditFilter.everything().withText("ops\u202e42")))
                .isEqualTo("text ~ \"ops\\u202e42\"");
    }

    @Test
    void aTranslationFileRenamesTheHeadingsAndTheFilter() throws Exception {
        assertThat(TranslatedConsole.read(Locale.forLanguageTag("xx"), Headings.class))
                .isEqualTo("Xxxx (UTC) | Time (UTC) | xxxxxxxx = nightly");
    }

    /** The first headings of both tables and a filter, as the console says them. */
    public static final class Headings implements Supplier<String> {
        @Override
        public String get() {
            return ColumnTitles.of(DecisionColumn.DECIDED_AT) + " | " + ColumnTitles.of(AuditColumn.RECORDED_AT)
                    + " | " + FilterDescription.of(new AuditFilter(null, null, "nightly", null, null, null, null));
        }
    }
}
