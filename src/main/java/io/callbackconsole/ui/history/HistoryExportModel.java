package io.callbackconsole.ui.history;

import io.callbackconsole.history.AuditFilter;
import io.callbackconsole.history.AuditLog;
import io.callbackconsole.history.AuditSort;
import io.callbackconsole.history.DecisionSort;
import io.callbackconsole.history.ExportFormat;
import io.callbackconsole.history.ExportSummary;
import io.callbackconsole.ui.common.task.BackgroundTask;
import io.callbackconsole.ui.common.task.TaskExecutor;
import io.callbackconsole.ui.common.WindowWords;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Export CSV / JSON Lines on the History tab: streams what the query lists to a file off the FX thread and says how
 * many records went where, under which chain head. FX thread only.
 */
public final class HistoryExportModel {
    private static final Logger log = LoggerFactory.getLogger(HistoryExportModel.class);

    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper exporting = new ReadOnlyBooleanWrapper(false);

    /**
     * Writes exactly what {@code query} lists (decisions or raw events, filter and sort) from {@code target} to
     * {@code file}, on {@code on}. The file appears only when complete: the records go to a temporary file beside it,
     * moved into place at the end.
     */
    void export(AuditLog target, TaskExecutor on, HistoryQuery query, Path file, ExportFormat format) {
        AuditFilter f = query.filter();
        AuditSort s = query.sort();
        DecisionSort ds = query.decisionSort();
        boolean asDecisions = query.decisionsShown();
        exporting.set(true);
        result.set(WindowWords.text("history.export.exporting", file));
        on.execute(BackgroundTask.of(() -> {
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            try (OutputStream out = Files.newOutputStream(partial)) {
                ExportSummary summary = asDecisions ? target.exportDecisions(f, ds, format, out, Instant.now())
                        : target.export(f, s, format, out, Instant.now());
                out.close();
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
                return summary;
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(partial);
                throw e;
            }
        }).named("export the history").onSuccess(summary -> {
            boolean one = summary.rows() == 1;
            result.set(asDecisions
                    ? one ? WindowWords.text("history.export.oneDecision", file, summary.chainHeadSeq())
                    : WindowWords.text("history.export.decisions", summary.rows(), file, summary.chainHeadSeq())
                    : one ? WindowWords.text("history.export.oneRow", file, summary.chainHeadSeq())
                    : WindowWords.text("history.export.rows", summary.rows(), file, summary.chainHeadSeq()));
        }).onFailure(error -> {
            log.error("Export to {} failed", file, error);
            result.set(WindowWords.text("history.export.failed", error.getMessage()));
        }).onFinished(() -> exporting.set(false)));
    }

    /** What the last export wrote, or why it failed, or that it runs; empty before the first. */
    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty exportingProperty() {
        return exporting.getReadOnlyProperty();
    }
}
