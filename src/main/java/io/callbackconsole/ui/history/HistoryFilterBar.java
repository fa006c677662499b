package io.callbackconsole.ui.history;

import io.callbackconsole.domain.InvalidInputException;
import io.callbackconsole.history.AuditFilter;
import io.callbackconsole.ui.common.WindowWords;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.util.Duration;

/**
 * The History tab's search and filter bar: words to search, a date range, pipeline, operator, action and outcome. Each
 * change becomes an {@link AuditFilter} for the view model; a filter that cannot be built says why beside it.
 */
final class HistoryFilterBar extends FlowPane {
    private final HistoryViewModel model;
    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();
    private final ComboBox<String> pipeline = new ComboBox<>();
    private final ComboBox<String> operator = new ComboBox<>();
    private final ComboBox<String> action = new ComboBox<>();
    private final ComboBox<String> outcome = new ComboBox<>(FXCollections.observableArrayList("", "ACCEPTED",
            "REFUSED", "UNKNOWN", "NOT_SENT"));
    private final TextField search = new TextField();
    private final Label filterProblem = new Label();

    HistoryFilterBar(HistoryViewModel model) {
        super(8, 6);
        this.model = model;
        search.setId("historySearch");
        search.setPromptText(WindowWords.text("history.filter.search"));
        search.setPrefColumnCount(24);
        from.setId("historyFrom");
        from.setPromptText(WindowWords.text("history.filter.from"));
        from.setPrefWidth(130);
        from.setMinWidth(Region.USE_PREF_SIZE);
        to.setId("historyTo");
        to.setPromptText(WindowWords.text("history.filter.to"));
        to.setPrefWidth(175); // the whole prompt in view
        to.setMinWidth(Region.USE_PREF_SIZE);
        pipeline.setId("historyPipeline");
        pipeline.setPromptText(WindowWords.text("history.filter.pipeline"));
        operator.setId("historyOperator");
        operator.setPromptText(WindowWords.text("history.filter.operator"));
        action.setId("historyAction");
        action.setPromptText(WindowWords.text("history.filter.action"));
        outcome.setId("historyOutcome");
        outcome.setPromptText(WindowWords.text("history.filter.outcome"));
        withEmptyChoice(pipeline, model.choices().pipelines());
        withEmptyChoice(operator, model.choices().operators());
        withEmptyChoice(action, model.choices().actions());

        // Typing searches after a short pause; Enter searches at once.
        PauseTransition typing = new PauseTransition(Duration.millis(300));
        typing.setOnFinished(e -> applyFilter());
        search.textProperty().addListener((obs, old, now) -> typing.playFromStart());
        search.setOnAction(e -> {
            typing.stop();
            applyFilter();
        });
        from.valueProperty().addListener((obs, old, now) -> applyFilter());
        to.valueProperty().addListener((obs, old, now) -> applyFilter());
        for (ComboBox<String> box : List.of(pipeline, operator, action, outcome)) {
            box.valueProperty().addListener((obs, old, now) -> applyFilter());
        }
        Button clear = new Button(WindowWords.text("history.filter.clear"));
        clear.setId("clearFiltersButton");
        clear.setMinWidth(Region.USE_PREF_SIZE);
        clear.setOnAction(e -> {
            search.clear();
            from.setValue(null);
            to.setValue(null);
            List.of(pipeline, operator, action, outcome).forEach(box -> box.setValue(null));
            applyFilter();
        });
        filterProblem.setId("historyFilterProblem");
        filterProblem.getStyleClass().add("counter-over");
        getChildren().addAll(search, from, to, pipeline, operator, action, outcome, clear, filterProblem);
        setAlignment(Pos.CENTER_LEFT);
    }

    /** Puts the cursor in the search field. */
    void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    /** The choices of a filter box: an empty entry (no filter) first, then the values the history holds. */
    private static void withEmptyChoice(ComboBox<String> box, ObservableList<String> values) {
        ObservableList<String> items = FXCollections.observableArrayList("");
        values.addListener((ListChangeListener<String>) change -> {
            String chosen = box.getValue();
            items.setAll("");
            items.addAll(values);
            box.setValue(chosen);
        });
        box.setItems(items);
    }

    private void applyFilter() {
        ZoneId zone = ZoneId.systemDefault();
        LocalDate fromDate = from.getValue();
        LocalDate toDate = to.getValue();
        try {
            AuditFilter filter = new AuditFilter(
                    fromDate == null ? null : fromDate.atStartOfDay(zone).toInstant(),
                    toDate == null ? null : toDate.plusDays(1).atStartOfDay(zone).toInstant(),
                    pipeline.getValue(), operator.getValue(), action.getValue(), outcome.getValue(), search.getText());
            filterProblem.setText("");
            model.setFilter(filter);
        } catch (InvalidInputException e) {
            filterProblem.setText(e.getMessage());
        }
    }
}
