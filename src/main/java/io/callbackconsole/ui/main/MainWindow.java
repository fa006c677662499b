package io.callbackconsole.ui.main;

import io.callbackconsole.triage.PollState;
import io.callbackconsole.ui.common.AppIcon;
import io.callbackconsole.ui.common.Formats;
import io.callbackconsole.ui.common.LazyContent;
import io.callbackconsole.ui.common.task.BackgroundTask;
import io.callbackconsole.ui.connection.ConnectionDialog;
import io.callbackconsole.ui.history.HistoryView;
import io.callbackconsole.ui.pending.DecisionNotice;
import io.callbackconsole.ui.pending.PendingView;
import io.callbackconsole.ui.signin.SignInDialogs;
import io.callbackconsole.ui.quarantine.QuarantineView;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The console's one window: banner, Pending / Quarantine / History tabs, status bar. */
public final class MainWindow {
    private static final Logger log = LoggerFactory.getLogger(MainWindow.class);
    public static final String TITLE = "Callback Console";

    private final MainViewModel model;
    private final Stage stage;
    private final Label lastPoll = new Label();

    private final Consumer<String> linkOpener;

    private MainWindow(Stage stage, MainViewModel model, Consumer<String> linkOpener) {
        this.stage = stage;
        this.model = model;
        this.linkOpener = linkOpener;
    }

    /** As {@link #show(Stage, MainViewModel, Consumer)}; links to the AWS console are copied to the clipboard. */
    public static MainWindow show(Stage stage, MainViewModel model) {
        return show(stage, model, PendingView.COPY_LINK);
    }

    /**
     * Builds the window on {@code stage} and shows it; the connection opens in the background afterwards.
     *
     * @param linkOpener opens a link to the AWS console (the platform's browser)
     */
    public static MainWindow show(Stage stage, MainViewModel model, Consumer<String> linkOpener) {
        MainWindow window = new MainWindow(stage, model, linkOpener);
        window.build();
        stage.show();
        model.connect(model.environment().initialConnection());
        return window;
    }

    private void build() {
        PendingView pendingView = new PendingView(model.pending(), linkOpener);
        Tab pendingTab = new Tab();
        pendingTab.setId("pendingTab");
        pendingTab.textProperty().bind(model.pending().tabTitleProperty());
        pendingTab.setContent(pendingView);
        Tab quarantineTab = new Tab();
        quarantineTab.setId("quarantineTab");
        quarantineTab.textProperty().bind(Bindings.concat("Quarantine ", model.quarantineCountProperty()));
        LazyContent.onFirstSelection(quarantineTab, () -> new QuarantineView(model.quarantine()));
        Tab historyTab = new Tab("History");
        historyTab.setId("historyTab");
        LazyContent.onFirstSelection(historyTab, () -> new HistoryView(model.history()));
        historyTab.setOnSelectionChanged(e -> {
            if (historyTab.isSelected()) {
                model.history().reload();
            }
        });
        TabPane tabs = new TabPane(pendingTab, quarantineTab, historyTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        BorderPane root = new BorderPane(tabs);
        root.setTop(buildBanner());
        root.setBottom(buildStatusBar());

        Scene scene = new Scene(root, 1280, 800);
        scene.getStylesheets().add(MainWindow.class.getResource("/io/callbackconsole/ui/console.css").toExternalForm());
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), model::refresh);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), () -> {
            tabs.getSelectionModel().select(pendingTab);
            pendingView.focusFilter();
        });
        stage.setTitle(TITLE);
        // Decoding six PNGs from the jar is I/O: done in the background, the icons follow the window.
        model.windowTasks().execute(BackgroundTask.of(AppIcon::images).named("load the window icons")
                .onSuccess(stage.getIcons()::setAll)
                .onFailure(error -> log.warn("The window icon could not be loaded", error)));
        stage.setScene(scene);
        stage.setOnHidden(e -> model.close());

        model.pending().onNotice(this::notifyDecision);
        // Ages and "last poll" move on between snapshots.
        Timeline clock = new Timeline(new KeyFrame(Duration.seconds(1), e -> updateLastPoll()));
        clock.setCycleCount(Timeline.INDEFINITE);
        clock.play();
        model.lastSnapshotProperty().addListener((obs, old, now) -> updateLastPoll());
    }

    private VBox buildBanner() {
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
            return settings == null ? "" : "queues: " + settings.queueUrls().size();
        }, model.connectionProperty()));
        lastPoll.setMinWidth(Region.USE_PREF_SIZE);

        Button refresh = new Button("Refresh (F5)");
        refresh.setMinWidth(Region.USE_PREF_SIZE);
        refresh.setOnAction(e -> model.refresh());
        Button connect = new Button("Connect…");
        connect.setId("connectButton");
        connect.setMinWidth(Region.USE_PREF_SIZE);
        connect.setOnAction(e -> new ConnectionDialog(stage, model.connectionProperty().get(),
                model.environment().profileNames(), model::savedMarks, model.windowTasks()).showAndWait()
                .ifPresent(choice -> model.connect(choice.settings(), Optional.of(choice.mark()))));

        Button loadPipeline = new Button("Load pipeline…");
        loadPipeline.setId("loadPipelineButton");
        loadPipeline.setMinWidth(Region.USE_PREF_SIZE);
        loadPipeline.setTooltip(new javafx.scene.control.Tooltip("Run a pipeline definition of your own in the"
                + " sandbox (the JSON of the SageMaker Python SDK's pipeline.definition())"));
        loadPipeline.visibleProperty().bind(model.sandboxProperty());
        loadPipeline.managedProperty().bind(model.sandboxProperty());
        loadPipeline.setOnAction(e -> {
            javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
            chooser.setTitle("Load a pipeline definition into the sandbox");
            chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("Pipeline definition",
                    "*.json"));
            java.io.File chosen = chooser.showOpenDialog(stage);
            if (chosen != null) {
                model.loadOwnPipeline(chosen.toPath());
            }
        });

        HBox bar = new HBox(12, where, queues, lastPoll, refresh, loadPipeline, connect);
        bar.setId("connectionHeader");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 12, 8, 12));
        bar.getStyleClass().add("banner");

        Label identityWarning = new Label();
        identityWarning.setId("identityWarning");
        identityWarning.setWrapText(true);
        identityWarning.setMaxWidth(Double.MAX_VALUE);
        identityWarning.getStyleClass().add("warning-bar");
        identityWarning.managedProperty().bind(identityWarning.visibleProperty());

        Consumer<ConnectionHeader> showHeader = header -> {
            title.setText(header.title());
            details.setText(header.details());
            details.setVisible(!header.details().isEmpty());
            details.setManaged(details.isVisible());
            bar.getStyleClass().removeIf(style -> style.startsWith("banner-"));
            bar.getStyleClass().add("banner-" + header.mark().name().toLowerCase(java.util.Locale.ROOT));
            identityWarning.setText(header.identityWarning());
            identityWarning.setVisible(!header.identityWarning().isEmpty());
        };
        showHeader.accept(model.headerProperty().get());
        model.headerProperty().addListener((obs, old, now) -> showHeader.accept(now));

        Label problem = new Label();
        problem.setId("connectProblem");
        problem.setWrapText(true);
        problem.getStyleClass().add("problem-bar");
        problem.textProperty().bind(model.connectProblemProperty());
        problem.visibleProperty().bind(model.connectProblemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        problem.setMaxWidth(Double.MAX_VALUE);

        Label recovery = new Label();
        recovery.setId("recoveryNotice");
        recovery.setWrapText(true);
        recovery.textProperty().bind(model.recoveryNoticeProperty());
        Button dismissRecovery = new Button("Dismiss");
        dismissRecovery.setOnAction(e -> model.recoveryNoticeProperty().set(""));
        HBox recoveryBar = new HBox(12, recovery, dismissRecovery);
        recoveryBar.setAlignment(Pos.CENTER_LEFT);
        recoveryBar.getStyleClass().add("notice-bar");
        recoveryBar.visibleProperty().bind(model.recoveryNoticeProperty().isNotEmpty());
        recoveryBar.managedProperty().bind(recoveryBar.visibleProperty());
        Label peek = new Label("Peeking: this console holds no SQS message, so other consumers see every one, and each"
                + " poll raises its receive count (bringing it closer to a dead-letter queue). Release is off.");
        peek.setId("peekNotice");
        peek.setWrapText(true);
        peek.setMaxWidth(Double.MAX_VALUE);
        peek.getStyleClass().add("notice-bar");
        peek.visibleProperty().bind(model.pending().peekingProperty());
        peek.managedProperty().bind(peek.visibleProperty());
        Label signInNotice = new Label();
        signInNotice.setId("signInNotice");
        signInNotice.setWrapText(true);
        signInNotice.textProperty().bind(model.signInNoticeProperty());
        Button signIn = new Button("Sign in…");
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
                    .ifPresent(signedIn -> model.connect(model.connectionProperty().get()));
        });
        HBox signInBar = new HBox(12, signInNotice, signIn);
        signInBar.setId("signInBar");
        signInBar.setAlignment(Pos.CENTER_LEFT);
        signInBar.getStyleClass().add("warning-bar");
        signInBar.visibleProperty().bind(model.signInNoticeProperty().isNotEmpty());
        signInBar.managedProperty().bind(signInBar.visibleProperty());

        Label sandboxNotice = new Label();
        sandboxNotice.setId("sandboxNotice");
        sandboxNotice.setWrapText(true);
        sandboxNotice.textProperty().bind(model.sandboxNoticeProperty());
        Button dismissSandboxNotice = new Button("Dismiss");
        dismissSandboxNotice.setOnAction(e -> model.sandboxNoticeProperty().set(""));
        HBox sandboxBar = new HBox(12, sandboxNotice, dismissSandboxNotice);
        sandboxBar.setAlignment(Pos.CENTER_LEFT);
        sandboxBar.getStyleClass().add("notice-bar");
        sandboxBar.visibleProperty().bind(model.sandboxNoticeProperty().isNotEmpty());
        sandboxBar.managedProperty().bind(sandboxBar.visibleProperty());
        return new VBox(bar, signInBar, identityWarning, problem, recoveryBar, sandboxBar, peek);
    }

    private HBox buildStatusBar() {
        Label poll = new Label();
        poll.setId("pollStatus");
        poll.textProperty().bind(Bindings.createStringBinding(() -> {
            PollState state = model.pollStateProperty().get();
            if (state == null) {
                return "not polling";
            }
            return switch (state.phase()) {
                case STARTING -> "starting";
                case NO_QUEUES -> "no queues";
                case POLLING -> "polling";
                case FAILING -> "cannot poll";
            };
        }, model.pollStateProperty()));
        Label counts = new Label();
        counts.textProperty().bind(Bindings.concat(model.pendingCountProperty(), " pending · ",
                model.quarantineCountProperty(), " quarantined"));
        Label history = new Label();
        history.setId("historyPath");
        history.textProperty().bind(Bindings.concat("history: ", model.historyPathProperty()));
        Label version = new Label("v" + model.environment().version());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(16, poll, counts, history, spacer, version);
        bar.setPadding(new Insets(4, 12, 4, 12));
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    private void updateLastPoll() {
        PollState state = model.pollStateProperty().get();
        Instant last = state == null ? null : state.lastSuccess();
        lastPoll.setText(last == null ? "" : "last poll " + Formats.age(last, Instant.now()) + " ago");
    }

    private void notifyDecision(DecisionNotice notice) {
        if (!notice.accepted()) {
            return;
        }
        try {
            Notifications.create().owner(stage).title(notice.title()).text(notice.text()).hideAfter(
                    Duration.seconds(6)).showInformation();
        } catch (RuntimeException e) {
            // A notification is a courtesy; the result is also shown in the decision pane, so logging is enough.
            log.warn("Cannot show the notification \"{}\"", notice.text(), e);
        }
    }
}
