package io.callbackconsole.ui.pending;

import javafx.scene.Scene;
import javafx.stage.Stage;

/** The Pending tab alone on a test's stage, at the console's size and with its style sheet, on a fresh view model. */
final class PendingViewStage {
    private PendingViewStage() {
    }

    /** Shows the tab on {@code stage} (from a TestFX {@code @Start}); its model is what the test feeds snapshots. */
    static PendingCallbacksViewModel show(Stage stage) {
        PendingCallbacksViewModel model = new PendingCallbacksViewModel();
        Scene scene = new Scene(new PendingView(model, url -> { }), 1280, 800);
        scene.getStylesheets().add(PendingView.class.getResource("/io/callbackconsole/ui/console.css")
                .toExternalForm());
        stage.setScene(scene);
        stage.show();
        return model;
    }
}
