package io.callbackconsole.ui.connection;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.domain.EnvironmentMark;
import io.callbackconsole.ui.EnvironmentMarks;
import io.callbackconsole.ui.common.WindowWords;
import io.callbackconsole.ui.common.task.BackgroundTask;
import io.callbackconsole.ui.common.task.TaskExecutor;
import io.callbackconsole.triage.CallbackQueueDiscovery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.geometry.Insets;
import io.callbackconsole.domain.DisplayText;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.control.Button;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where to connect: the sandbox, or an AWS profile (the SDK's default chain when empty), a region, the queues,
 * optional endpoint overrides, and where decisions are journaled (this computer's file or a team history, checked
 * before the dialog closes with it). Profiles are read from ~/.aws/config and ~/.aws/credentials off the FX thread.
 */
public final class ConnectionDialog extends Dialog<ConnectionChoice> {
    private static final Logger log = LoggerFactory.getLogger(ConnectionDialog.class);

    /** The marks' key of the profile typed: as {@link EnvironmentMarks#keyOf} names it. */
    private static String profileKey(String typed) {
        return EnvironmentMarks.keyOf(new ConnectionSettings(false, typed, null, List.of(), null, null, null));
    }

    /** With no saved environment marks (every profile starts unmarked). */
    public ConnectionDialog(Window owner, ConnectionSettings current, Supplier<List<String>> profileNames,
                            TaskExecutor tasks) {
        this(owner, current, profileNames, Map::of, tasks);
    }

    /** With team histories checked by connecting to them. */
    public ConnectionDialog(Window owner, ConnectionSettings current, Supplier<List<String>> profileNames,
                            Supplier<Map<String, EnvironmentMark>> savedMarks, TaskExecutor tasks) {
        this(owner, current, profileNames, savedMarks, TeamHistoryCheck.connecting("unknown"), tasks);
    }

    /**
     * @param savedMarks the environment marks saved per profile; read off the FX thread, like the profile names
     * @param historyCheck asks a team history chosen here whether decisions can be journaled in it, off the FX thread,
     *                     before the dialog closes with it
     */
    public ConnectionDialog(Window owner, ConnectionSettings current, Supplier<List<String>> profileNames,
                            Supplier<Map<String, EnvironmentMark>> savedMarks, TeamHistoryCheck historyCheck,
                            TaskExecutor tasks) {
        initOwner(owner);
        setTitle(WindowWords.text("connect.title"));
        setHeaderText(WindowWords.text("connect.header"));

        CheckBox sandbox = new CheckBox(WindowWords.text("connect.sandbox"));
        sandbox.setId("connectSandbox");
        ComboBox<String> profile = new ComboBox<>();
        profile.setId("connectProfile");
        profile.setEditable(true);
        profile.setPromptText(WindowWords.text("connect.profile.prompt"));
        TextField region = new TextField();
        region.setId("connectRegion");
        region.setPromptText(WindowWords.text("connect.region.prompt"));
        TextArea queues = new TextArea();
        queues.setId("connectQueues");
        queues.setPromptText(WindowWords.text("connect.queues.prompt"));
        queues.setPrefRowCount(4);
        TextField sqsEndpoint = new TextField();
        sqsEndpoint.setPromptText(WindowWords.text("connect.sqsEndpoint.prompt"));
        TextField sageMakerEndpoint = new TextField();
        sageMakerEndpoint.setPromptText(WindowWords.text("connect.endpoint.prompt"));
        TextField stsEndpoint = new TextField();
        stsEndpoint.setPromptText(WindowWords.text("connect.endpoint.prompt"));
        TextField iamEndpoint = new TextField();
        iamEndpoint.setId("connectIamEndpoint");
        iamEndpoint.setPromptText(WindowWords.text("connect.iamEndpoint.prompt"));

        // Where decisions are journaled: this computer's file, or a team history on PostgreSQL.
        ToggleGroup historyChoice = new ToggleGroup();
        RadioButton historyFile = new RadioButton(WindowWords.text("connect.history.file"));
        historyFile.setId("historyFile");
        historyFile.setToggleGroup(historyChoice);
        historyFile.setSelected(true);
        RadioButton historyTeam = new RadioButton(WindowWords.text("connect.history.team"));
        historyTeam.setId("historyTeam");
        historyTeam.setToggleGroup(historyChoice);
        TextField historyUrl = new TextField();
        historyUrl.setId("connectHistoryUrl");
        historyUrl.setPromptText(WindowWords.text("connect.history.prompt"));
        historyUrl.disableProperty().bind(historyTeam.selectedProperty().not().or(sandbox.selectedProperty()));
        HBox.setHgrow(historyUrl, Priority.ALWAYS);
        Label historyHint = new Label(WindowWords.text("connect.history.hint"));
        historyHint.getStyleClass().add("hint");
        historyHint.setWrapText(true);
        historyHint.setMinHeight(Region.USE_PREF_SIZE);
        Label historyResult = new Label();
        historyResult.setId("historyCheckResult");
        historyResult.setWrapText(true);
        historyResult.setMinHeight(Region.USE_PREF_SIZE);
        historyResult.managedProperty().bind(historyResult.textProperty().isNotEmpty());

        if (current != null && !current.sandbox()) {
            if (current.historyUrl() != null) {
                historyTeam.setSelected(true);
                historyUrl.setText(current.historyUrl());
            }
            profile.setValue(current.profile());
            region.setText(current.region() == null ? "" : current.region());
            queues.setText(String.join("\n", current.queueUrls()));
            sqsEndpoint.setText(current.sqsEndpoint() == null ? "" : current.sqsEndpoint().toString());
            sageMakerEndpoint.setText(current.sageMakerEndpoint() == null ? "" : current.sageMakerEndpoint().toString());
            stsEndpoint.setText(current.stsEndpoint() == null ? "" : current.stsEndpoint().toString());
            iamEndpoint.setText(current.iamEndpoint() == null ? "" : current.iamEndpoint().toString());
        } else {
            sandbox.setSelected(true);
        }
        Label profilesProblem = new Label();
        profilesProblem.setId("connectProfilesProblem");
        profilesProblem.setWrapText(true);
        profilesProblem.getStyleClass().add("hint");
        profilesProblem.managedProperty().bind(profilesProblem.textProperty().isNotEmpty());
        tasks.execute(BackgroundTask.of(profileNames::get).named("list the AWS profiles")
                .onSuccess(names -> profile.getItems().setAll(names))
                .onFailure(error -> {
                    log.warn("Cannot list the AWS profiles", error);
                    profilesProblem.setText(WindowWords.text("connect.profile.cannotList",
                            DisplayText.escape(error.getMessage())));
                }));

        // The mark belongs to the profile: choosing another profile shows the mark saved for it.
        ComboBox<EnvironmentMark> environment = new ComboBox<>();
        environment.setId("connectEnvironment");
        environment.getItems().setAll(EnvironmentMark.forAws());
        environment.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(EnvironmentMark mark) {
                return mark == null ? "" : EnvironmentMarks.label(mark);
            }

            @Override
            public EnvironmentMark fromString(String text) {
                return environment.getValue();
            }
        });
        environment.setValue(EnvironmentMark.UNMARKED);
        Map<String, EnvironmentMark> marks = new HashMap<>();
        Runnable showSavedMark = () -> environment.setValue(marks.getOrDefault(
                profileKey(profile.getEditor().getText()), EnvironmentMark.UNMARKED));
        tasks.execute(BackgroundTask.of(savedMarks::get).named("read the environment marks")
                .onSuccess(saved -> {
                    marks.putAll(saved);
                    showSavedMark.run();
                })
                .onFailure(error -> log.warn("Cannot read the environment marks", error)));
        profile.getEditor().textProperty().addListener((obs, old, now) -> showSavedMark.run());
        Label environmentHint = new Label(WindowWords.text("connect.environment.hint"));
        environmentHint.getStyleClass().add("hint");

        for (var field : List.of(profile, region, queues, sqsEndpoint, sageMakerEndpoint, stsEndpoint, iamEndpoint,
                environment, historyFile, historyTeam)) {
            field.disableProperty().bind(sandbox.selectedProperty());
        }

        GridPane grid = new GridPane();
        // Labels keep their whole text and the fields take the rest: no "AW…" or "Reg…" in a narrow dialog.
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, fields);
        environment.setMinWidth(Region.USE_PREF_SIZE);
        environmentHint.setWrapText(true);
        environmentHint.setMinHeight(Region.USE_PREF_SIZE);
        grid.setHgap(8);
        grid.setVgap(6);
        grid.setPadding(new Insets(12));
        grid.add(sandbox, 0, 0, 2, 1);
        grid.addRow(1, new Label(WindowWords.text("connect.profile")), new javafx.scene.layout.VBox(4, profile, profilesProblem));
        grid.addRow(2, new Label(WindowWords.text("connect.region")), region);
        grid.addRow(3, new Label(WindowWords.text("connect.queues")), queues);
        grid.addRow(4, new Label(WindowWords.text("connect.sqsEndpoint")), sqsEndpoint);
        grid.addRow(5, new Label(WindowWords.text("connect.sageMakerEndpoint")), sageMakerEndpoint);
        grid.addRow(6, new Label(WindowWords.text("connect.stsEndpoint")), stsEndpoint);
        grid.addRow(7, new Label(WindowWords.text("connect.iamEndpoint")), iamEndpoint);
        grid.addRow(8, new Label(WindowWords.text("connect.environment")), new HBox(8, environment, environmentHint));
        Button checkHistory = new Button(WindowWords.text("connect.history.check"));
        checkHistory.setId("checkHistoryButton");
        checkHistory.setMinWidth(Region.USE_PREF_SIZE);
        checkHistory.setTooltip(new Tooltip(WindowWords.text("connect.history.check.tooltip")));
        grid.addRow(9, new Label(WindowWords.text("connect.history")), new javafx.scene.layout.VBox(4, new HBox(12, historyFile, historyTeam),
                new HBox(8, historyUrl, checkHistory), historyHint, historyResult));
        Supplier<ConnectionForm.Fields> typed = () -> new ConnectionForm.Fields(profile.getEditor().getText(),
                region.getText(), queues.getText(), sqsEndpoint.getText(), sageMakerEndpoint.getText(),
                stsEndpoint.getText(), iamEndpoint.getText(), historyTeam.isSelected() ? historyUrl.getText() : null);
        Button findQueues = new Button(WindowWords.text("connect.findQueues"));
        findQueues.setId("findQueuesButton");
        findQueues.setTooltip(new Tooltip(WindowWords.text("connect.findQueues.tooltip")));
        findQueues.disableProperty().bind(sandbox.selectedProperty());
        Label findQueuesResult = new Label();
        findQueuesResult.setId("findQueuesResult");
        findQueuesResult.setWrapText(true);
        findQueuesResult.getStyleClass().add("hint");
        findQueues.setOnAction(e -> {
            ConnectionForm.Result read = ConnectionForm.readForQueueDiscovery(typed.get());
            if (!read.valid()) {
                findQueuesResult.setText(read.problem());
                return;
            }
            findQueues.disableProperty().unbind();
            findQueues.setDisable(true);
            findQueuesResult.setText(WindowWords.text("connect.findQueues.reading"));
            tasks.execute(BackgroundTask.of(() -> CallbackQueueDiscovery.queueUrls(read.settings()))
                    .named("find callback queues").onSuccess(found -> {
                List<String> merged = new ArrayList<>(queues.getText().lines().map(String::trim)
                        .filter(l -> !l.isEmpty()).toList());
                long added = found.stream().filter(url -> !merged.contains(url)).peek(merged::add).count();
                queues.setText(String.join("\n", merged));
                findQueuesResult.setText(WindowWords.text("connect.findQueues.found", found.size(), added));
            }).onFailure(error -> {
                log.warn("Cannot find callback queues", error);
                findQueuesResult.setText(WindowWords.text("connect.findQueues.failed",
                        DisplayText.escape(error.getMessage())));
            }).onFinished(() -> findQueues.disableProperty().bind(sandbox.selectedProperty())));
        });
        grid.add(new HBox(8, findQueues, findQueuesResult), 1, 10);

        Label problem = new Label();
        problem.setId("connectProblem");
        problem.setWrapText(true);
        problem.getStyleClass().add("result-error");
        problem.setMinHeight(Region.USE_PREF_SIZE);
        grid.add(problem, 0, 11, 2, 1);

        ObjectBinding<ConnectionForm.Result> form = Bindings.createObjectBinding(
                () -> ConnectionForm.read(sandbox.isSelected(), typed.get()),
                sandbox.selectedProperty(), profile.getEditor().textProperty(), profile.valueProperty(),
                region.textProperty(), queues.textProperty(), sqsEndpoint.textProperty(),
                sageMakerEndpoint.textProperty(), stsEndpoint.textProperty(), iamEndpoint.textProperty(),
                historyTeam.selectedProperty(), historyUrl.textProperty());
        problem.textProperty().bind(Bindings.createStringBinding(
                () -> form.get().valid() ? "" : form.get().problem(), form));

        getDialogPane().setContent(grid);
        getDialogPane().setPrefWidth(760);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        // A team history is checked before the dialog closes with it: OK asks first, and closes once it answers
        // (a warning is shown, and the next OK connects anyway); a refusal keeps the dialog open with the reason.
        BooleanProperty checking = new SimpleBooleanProperty(false);
        String[] checkedUrl = {null};
        Button ok = (Button) getDialogPane().lookupButton(ButtonType.OK);
        ok.disableProperty().bind(Bindings.createBooleanBinding(() -> !form.get().valid(), form).or(checking));
        checkHistory.disableProperty().bind(historyUrl.disabledProperty().or(checking));
        historyUrl.textProperty().addListener((obs, old, now) -> {
            checkedUrl[0] = null;
            historyResult.setText("");
        });
        java.util.function.Consumer<Boolean> runCheck = closeWhenWell -> {
            ConnectionForm.Result read = form.get();
            if (!read.valid() || read.settings().historyUrl() == null) {
                historyResult.getStyleClass().setAll("label", "result-error");
                historyResult.setText(read.valid() ? "" : read.problem());
                return;
            }
            String url = read.settings().historyUrl();
            checking.set(true);
            historyResult.getStyleClass().setAll("label", "hint");
            historyResult.setText(WindowWords.text("connect.history.checking"));
            tasks.execute(BackgroundTask.of(() -> historyCheck.check(url)).named("check the team history")
                    .onSuccess(warning -> {
                        checking.set(false);
                        if (!url.equals(historyTeam.isSelected() ? historyUrl.getText().strip() : null)) {
                            return; // changed meanwhile: that answer is not about what is typed now
                        }
                        checkedUrl[0] = url;
                        if (warning.isPresent()) {
                            historyResult.getStyleClass().setAll("label", "counter-over");
                            historyResult.setText(WindowWords.text("connect.history.warning",
                                    DisplayText.escape(warning.get())));
                            return;
                        }
                        historyResult.getStyleClass().setAll("label", "result-ok");
                        historyResult.setText(WindowWords.text("connect.history.fine"));
                        if (closeWhenWell) {
                            ok.fire();
                        }
                    }).onFailure(error -> {
                        checking.set(false);
                        log.warn("The team history {} cannot be used: {}", url, error.getMessage());
                        historyResult.getStyleClass().setAll("label", "result-error");
                        historyResult.setText(DisplayText.escape(error.getMessage()));
                    }));
        };
        checkHistory.setOnAction(e -> runCheck.accept(false));
        ok.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            ConnectionForm.Result read = form.get();
            if (read.valid() && !read.settings().sandbox() && read.settings().historyUrl() != null
                    && !read.settings().historyUrl().equals(checkedUrl[0])) {
                e.consume();
                runCheck.accept(true);
            }
        });
        setResultConverter(button -> {
            if (button != ButtonType.OK) {
                return null;
            }
            ConnectionSettings chosen = form.get().settings();
            return new ConnectionChoice(chosen, chosen.sandbox() ? EnvironmentMark.SANDBOX : environment.getValue());
        });
    }
}
