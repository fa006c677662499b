package io.callbackconsole.ui.quarantine;

import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.domain.QuarantinedMessage;
import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.triage.ResultDetail;
import io.callbackconsole.triage.SubmissionResult;
import io.callbackconsole.ui.common.task.BackgroundTask;
import io.callbackconsole.ui.common.task.TaskExecutor;
import io.callbackconsole.ui.common.WindowWords;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages refused as callback messages, with why. They stay on their queue until an operator deletes one (after a
 * confirmation; recorded in the history as a dismissal with the body's hash), so the producer's mistake can be looked
 * at and fixed. The selected body is shown as received or, on request, with its JSON indented. FX thread only.
 */
public final class QuarantineViewModel {
    private static final Logger log = LoggerFactory.getLogger(QuarantineViewModel.class);

    private final ObservableList<QuarantinedMessage> messages = FXCollections.observableArrayList();
    private final ObjectProperty<QuarantinedMessage> selected = new SimpleObjectProperty<>();
    private final BooleanProperty prettyPrint = new SimpleBooleanProperty(false);
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper deleting = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper lastResult = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper lastResultFailed = new ReadOnlyBooleanWrapper(false);
    private final StringBinding shownBody;
    private final StringBinding layoutNote;
    private final BooleanBinding deleteDisabled;
    private ConsoleSession session;
    private TaskExecutor tasks;
    private Consumer<SubmissionResult> deletionListener = result -> { };

    public QuarantineViewModel() {
        shownBody = Bindings.createStringBinding(() -> {
            QuarantinedMessage q = selected.get();
            if (q == null) {
                return "";
            }
            String body = prettyPrint.get() ? QuarantineBody.pretty(q.message().body()).orElse(q.message().body())
                    : q.message().body();
            // The body is outside text: shown with its control and bidirectional characters escaped.
            return DisplayText.escapeKeepingLineBreaks(body);
        }, selected, prettyPrint);
        layoutNote = Bindings.createStringBinding(() -> selected.get() != null && prettyPrint.get()
                && QuarantineBody.pretty(selected.get().message().body()).isEmpty()
                ? WindowWords.text("quarantine.notJson") : "", selected, prettyPrint);
        deleteDisabled = selected.isNull().or(connected.not()).or(deleting);
    }

    public void apply(List<QuarantinedMessage> latest) {
        String selectedId = selected.get() == null ? null : selected.get().message().messageId();
        messages.setAll(latest);
        selected.set(selectedId == null ? null : latest.stream()
                .filter(q -> q.message().messageId().equals(selectedId)).findFirst().orElse(null));
    }

    /** A new connection (or none): deletions go to {@code newSession}, on {@code newTasks}; the old result goes. */
    public void attach(ConsoleSession newSession, TaskExecutor newTasks) {
        session = newSession;
        tasks = newTasks;
        connected.set(newSession != null);
        deleting.set(false);
        showResult("", false);
        if (newSession == null) {
            messages.clear();
            selected.set(null);
        }
    }

    /** Called with each deletion's result, once it is shown: the history has a new row to show. */
    public void onDeletion(Consumer<SubmissionResult> listener) {
        deletionListener = listener;
    }

    /** The selected message's body exactly as it arrived, for the clipboard; empty when none is selected. */
    public Optional<String> rawBodyOfSelected() {
        return Optional.ofNullable(selected.get()).map(q -> q.message().body());
    }

    /** Asked before a deletion: names the message, its queue and what the history keeps. */
    public String deleteQuestion(QuarantinedMessage q) {
        return WindowWords.text("quarantine.deleteQuestion", DisplayText.escape(q.message().messageId()),
                DisplayText.escape(q.queueName()), q.bodySha256().substring(0, 12));
    }

    /** Deletes the message off the FX thread; the result is shown, and the row goes only if the delete worked. */
    public void delete(QuarantinedMessage q) {
        if (session == null || deleting.get()) {
            return;
        }
        ConsoleSession on = session;
        String id = DisplayText.escape(q.message().messageId());
        deleting.set(true);
        showResult(WindowWords.text("quarantine.deleting", id), false);
        tasks.execute(BackgroundTask.of(() -> on.decisions().deleteQuarantined(q))
                .named("Deleting quarantined message " + id)
                .onSuccess(result -> {
                    if (session == on) {
                        showResult(wording(id, result), !result.accepted());
                        deletionListener.accept(result);
                    }
                })
                .onFailure(error -> {
                    log.error("Deleting quarantined message {} failed unexpectedly", id, error);
                    showResult(WindowWords.text("quarantine.deleteFailed", id,
                            DisplayText.escape(String.valueOf(error.getMessage()))), true);
                })
                .onFinished(() -> {
                    if (session == on) {
                        deleting.set(false);
                    }
                }));
    }

    /** What became of a deletion, in the Quarantine tab's words; outside text in it escaped. */
    static String wording(String id, SubmissionResult result) {
        ResultDetail detail = result.detail();
        if (detail instanceof ResultDetail.Dismissed) {
            return WindowWords.text("quarantine.deleted", id);
        }
        if (detail instanceof ResultDetail.DismissedMessageKept kept) {
            return WindowWords.text("quarantine.notDeleted", id, DisplayText.escape(kept.deleteError()));
        }
        if (detail instanceof ResultDetail.DismissalNotJournaled notJournaled) {
            return WindowWords.text("quarantine.notJournaled", DisplayText.escape(notJournaled.why()));
        }
        if (detail instanceof ResultDetail.NothingToDismiss) {
            return WindowWords.text("quarantine.notHeld", id);
        }
        if (detail instanceof ResultDetail.BeingDecided) {
            return WindowWords.text("quarantine.beingDeleted", id);
        }
        if (detail instanceof ResultDetail.UnsettledElsewhere) {
            return WindowWords.text("quarantine.unsettled");
        }
        return WindowWords.text("quarantine.otherResult", id, result.status());
    }

    private void showResult(String text, boolean failed) {
        lastResult.set(text);
        lastResultFailed.set(failed);
    }

    public ObservableList<QuarantinedMessage> messages() {
        return messages;
    }

    public ObjectProperty<QuarantinedMessage> selectedProperty() {
        return selected;
    }

    /** Off: the body as it arrived. On: JSON bodies indented (other bodies still as they arrived). */
    public BooleanProperty prettyPrintProperty() {
        return prettyPrint;
    }

    /** The selected body as the tab shows it: laid out as asked, its control characters escaped. */
    public StringBinding shownBodyProperty() {
        return shownBody;
    }

    /** Why the body is shown as received although pretty-printing is on; empty otherwise. */
    public StringBinding layoutNoteProperty() {
        return layoutNote;
    }

    public BooleanBinding deleteDisabledProperty() {
        return deleteDisabled;
    }

    public ReadOnlyBooleanProperty deletingProperty() {
        return deleting.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lastResultProperty() {
        return lastResult.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty lastResultFailedProperty() {
        return lastResultFailed.getReadOnlyProperty();
    }
}
