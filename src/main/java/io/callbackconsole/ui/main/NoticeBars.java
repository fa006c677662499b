package io.callbackconsole.ui.main;

import io.callbackconsole.ui.common.WindowWords;
import io.callbackconsole.ui.signin.SignInDialogs;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The bars under the connection header, each shown only while it has something to say: signed out (with Sign in…),
 * the team history lost (with Reconnect), a team history role that could rewrite it, the caller-identity warning,
 * cannot connect, recovery of an earlier run, a loaded pipeline, damaged settings set aside, and peeking.
 */
final class NoticeBars extends VBox {

    /** @param linkOpener opens the sign-in page of the device-code dialog (the platform's browser) */
    NoticeBars(Stage stage, MainViewModel model, Consumer<String> linkOpener) {
        HBox historyRole = dismissable("historyRoleNotice", model.historyRoleNoticeProperty());
        historyRole.getStyleClass().setAll("warning-bar");
        getChildren().setAll(signInBar(stage, model, linkOpener), historyLostBar(model), historyRole,
                identityWarning(model),
                connectProblem(model),
                dismissable("recoveryNotice", model.recoveryNoticeProperty()),
                dismissable("sandboxNotice", model.sandboxNoticeProperty()),
                dismissable("settingsNotice", model.settingsNoticeProperty()), peekNotice(model));
    }

    /** "Signed out of P: …" with Sign in…, which opens the profile's dialog and reconnects after a sign-in. */
    private static HBox signInBar(Stage stage, MainViewModel model, Consumer<String> linkOpener) {
        Label notice = new Label();
        notice.setId("signInNotice");
        notice.setWrapText(true);
        notice.textProperty().bind(model.signInNoticeProperty());
        Button signIn = new Button(WindowWords.text("notice.signIn"));
        signIn.setId("signInButton");
        signIn.setMinWidth(Region.USE_PREF_SIZE);
        signIn.setOnAction(e -> {
            var needed = model.signInNeededProperty().get();
            if (needed == null) {
                return;
            }
            new SignInDialogs(stage, model.windowTasks(), uri -> linkOpener.accept(uri.toString()))
                    .dialogFor(needed).flatMap(dialog -> dialog.showAndWait())
                    .filter(Boolean::booleanValue)
                    .ifPresent(signedIn -> model.reconnect());
        });
        HBox bar = new HBox(12, notice, signIn);
        bar.setId("signInBar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("warning-bar");
        showWhileNotEmpty(bar, model.signInNoticeProperty());
        return bar;
    }

    /** "Connection to the team history lost: …" with Reconnect, which asks it at once (off while a check runs). */
    private static HBox historyLostBar(MainViewModel model) {
        Label notice = new Label();
        notice.setId("historyLostNotice");
        notice.setWrapText(true);
        notice.textProperty().bind(model.historyLostProperty());
        HBox.setHgrow(notice, javafx.scene.layout.Priority.ALWAYS);
        Button reconnect = new Button(WindowWords.text("notice.reconnect"));
        reconnect.setId("historyReconnectButton");
        reconnect.setMinWidth(Region.USE_PREF_SIZE);
        reconnect.disableProperty().bind(model.historyCheckingProperty());
        reconnect.setOnAction(e -> model.reconnectHistory());
        HBox bar = new HBox(12, notice, reconnect);
        bar.setId("historyLostBar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("problem-bar");
        showWhileNotEmpty(bar, model.historyLostProperty());
        return bar;
    }

    /** What the header knows is wrong with the caller's identity (another account than the profile says, …). */
    private static Label identityWarning(MainViewModel model) {
        Label warning = new Label();
        warning.setId("identityWarning");
        warning.setWrapText(true);
        warning.setMaxWidth(Double.MAX_VALUE);
        warning.getStyleClass().add("warning-bar");
        warning.textProperty().bind(Bindings.createStringBinding(
                () -> model.headerProperty().get().identityWarning(), model.headerProperty()));
        showWhileNotEmpty(warning, warning.textProperty());
        return warning;
    }

    private static Label connectProblem(MainViewModel model) {
        Label problem = new Label();
        problem.setId("connectProblem");
        problem.setWrapText(true);
        problem.getStyleClass().add("problem-bar");
        problem.textProperty().bind(model.connectProblemProperty());
        problem.setMaxWidth(Double.MAX_VALUE);
        showWhileNotEmpty(problem, model.connectProblemProperty());
        return problem;
    }

    /** A notice the operator may dismiss, which clears it. */
    private static HBox dismissable(String id, StringProperty text) {
        Label notice = new Label();
        notice.setId(id);
        notice.setWrapText(true);
        notice.textProperty().bind(text);
        Button dismiss = new Button(WindowWords.text("notice.dismiss"));
        dismiss.setOnAction(e -> text.set(""));
        HBox bar = new HBox(12, notice, dismiss);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("notice-bar");
        showWhileNotEmpty(bar, text);
        return bar;
    }

    private static Label peekNotice(MainViewModel model) {
        Label peek = new Label(WindowWords.text("notice.peeking"));
        peek.setId("peekNotice");
        peek.setWrapText(true);
        peek.setMaxWidth(Double.MAX_VALUE);
        peek.getStyleClass().add("notice-bar");
        peek.visibleProperty().bind(model.pending().peekingProperty());
        peek.managedProperty().bind(peek.visibleProperty());
        return peek;
    }

    private static void showWhileNotEmpty(Region bar, ObservableStringValue text) {
        bar.visibleProperty().bind(Bindings.isNotEmpty(text));
        bar.managedProperty().bind(bar.visibleProperty());
    }
}
