package io.callbackconsole.ui.quarantine;

import io.callbackconsole.domain.QuarantinedMessage;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Messages refused as callback messages, with why. They stay on their queue (this console never deletes them), so
 * the producer's mistake can be looked at and fixed. FX thread only.
 */
public final class QuarantineViewModel {
    private final ObservableList<QuarantinedMessage> messages = FXCollections.observableArrayList();
    private final ObjectProperty<QuarantinedMessage> selected = new SimpleObjectProperty<>();

    public void apply(List<QuarantinedMessage> latest) {
        String selectedId = selected.get() == null ? null : selected.get().message().messageId();
        messages.setAll(latest);
        selected.set(selectedId == null ? null : latest.stream()
                .filter(q -> q.message().messageId().equals(selectedId)).findFirst().orElse(null));
    }

    public ObservableList<QuarantinedMessage> messages() {
        return messages;
    }

    public ObjectProperty<QuarantinedMessage> selectedProperty() {
        return selected;
    }
}
