package io.callbackconsole.ui.main;

import io.callbackconsole.triage.PollState;
import io.callbackconsole.ui.common.Formats;
import io.callbackconsole.ui.common.Shortcut;
import io.callbackconsole.ui.common.WindowWords;
import io.callbackconsole.ui.connection.ConnectionDialog;
import io.callbackconsole.ui.connection.TeamHistoryCheck;
import java.io.File;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * The window's top bar in the colour of the connection's environment mark: where the console is connected, how many
 * queues, when it last polled, and Refresh, Load pipeline… (sandbox only) and Connect….
 */
final class ConnectionHeaderBar extends HBox {
    private final MainViewModel model;
    private final Label lastPoll = new Label();

    ConnectionHeaderBar(Stage stage, MainViewModel model) {
        super(12);
        this.model = model;
        Label title = new Label();
        title.setId("connectionLabel");
        title.getStyleClass().add("connection-label");
        Label details = new Label();
        details.setId("connectionDetails");
        details.getStyleClass().add("connection-details");
        VBox where = new VBox(2, title, details);
        where.setMinWidth(0);
        HBox.setHgrow(where, Priority.ALWAYS);

        Label queues = new Label();
        queues.setMinWidth(Region.USE_PREF_SIZE);
        queues.textProperty().bind(Bindings.createStringBinding(() -> {
            var settings = model.connectionProperty().get();
            return settings == null ? "" : WindowWords.text("header.queues", settings.queueUrls().size());
        }, model.connectionProperty()));
        lastPoll.setMinWidth(Region.USE_PREF_SIZE);

        Button refresh = new Button(WindowWords.text("header.refresh", Shortcut.REFRESH.keysText()));
        refresh.setMinWidth(Region.USE_PREF_SIZE);
        refresh.setOnAction(e -> model.refresh());
        Button connect = new Button(WindowWords.text("header.connect"));
        connect.setId("connectButton");
        connect.setTooltip(new Tooltip(Shortcut.CONNECT.tooltip(WindowWords.text("header.connect.tooltip"))));
        connect.setMinWidth(Region.USE_PREF_SIZE);
        connect.setOnAction(e -> new ConnectionDialog(stage, model.connectionProperty().get(),
                model.environment().profileNames(), model::savedMarks,
                TeamHistoryCheck.connecting(model.environment().version()), model.windowTasks()).showAndWait()
                .ifPresent(choice -> model.connect(choice.settings(), Optional.of(choice.mark()))));

        getChildren().setAll(where, queues, lastPoll, refresh, loadPipelineButton(stage), connect);
        setId("connectionHeader");
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(8, 12, 8, 12));
        getStyleClass().add("banner");

        showHeader(model.headerProperty().get(), title, details);
        model.headerProperty().addListener((obs, old, now) -> showHeader(now, title, details));
        // "last poll" moves on between snapshots.
        Timeline clock = new Timeline(new KeyFrame(Duration.seconds(1), e -> updateLastPoll()));
        clock.setCycleCount(Timeline.INDEFINITE);
        clock.play();
        model.lastSnapshotProperty().addListener((obs, old, now) -> updateLastPoll());
    }

    private Button loadPipelineButton(Stage stage) {
        Button loadPipeline = new Button(WindowWords.text("header.loadPipeline"));
        loadPipeline.setId("loadPipelineButton");
        loadPipeline.setMinWidth(Region.USE_PREF_SIZE);
        loadPipeline.setTooltip(new Tooltip(WindowWords.text("header.loadPipeline.tooltip")));
        loadPipeline.visibleProperty().bind(model.sandboxProperty());
        loadPipeline.managedProperty().bind(model.sandboxProperty());
        loadPipeline.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(WindowWords.text("header.loadPipeline.chooserTitle"));
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(
                    WindowWords.text("header.loadPipeline.fileKind"), "*.json"));
            File chosen = chooser.showOpenDialog(stage);
            if (chosen != null) {
                model.loadOwnPipeline(chosen.toPath());
            }
        });
        return loadPipeline;
    }

    private void showHeader(ConnectionHeader header, Label title, Label details) {
        title.setText(header.title());
        details.setText(header.details());
        details.setVisible(!header.details().isEmpty());
        details.setManaged(details.isVisible());
        getStyleClass().removeIf(style -> style.startsWith("banner-"));
        getStyleClass().add("banner-" + header.mark().name().toLowerCase(Locale.ROOT));
    }

    private void updateLastPoll() {
        PollState state = model.pollStateProperty().get();
        Instant last = state == null ? null : state.lastSuccess();
        lastPoll.setText(last == null ? "" : WindowWords.text("header.lastPoll",
                Formats.age(last, Instant.now())));
    }
}
