package io.callbackconsole.ui.pending;

import static io.callbackconsole.ui.pending.PendingSnapshots.T0;
import static io.callbackconsole.ui.pending.PendingSnapshots.callback;
import static io.callbackconsole.ui.pending.PendingSnapshots.token;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.aws.CallbackMessageParser;
import io.callbackconsole.aws.ParsedMessage;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.domain.QueueMessage;
import io.callbackconsole.triage.CallbackContext;
import io.callbackconsole.triage.PendingSnapshot;
import io.callbackconsole.triage.PollState;
import io.callbackconsole.ui.theme.ConsoleTheme;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.Background;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.kordamp.ikonli.javafx.FontIcon;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Stale, stop-requested and near-dead-letter rows in each theme: each carries an icon with its meaning besides its
 * colour, and a selected stale row keeps the theme's readable selected text.
 */
@ExtendWith(ApplicationExtension.class)
class PendingRowStatesThemeTest {
    /** Token 0 stale, token 1 stopping, token 2 received 4 times of a queue's 5, token 3 plain. */
    static final int STALE = 0;
    static final int STOPPING = 1;
    static final int NEAR_DEAD_LETTER = 2;
    static final int PLAIN = 3;

    PendingCallbacksViewModel model;
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        model = new PendingCallbacksViewModel();
        Scene scene = new Scene(new PendingView(model, url -> { }), 1280, 800);
        scene.getStylesheets().add(PendingView.class.getResource("/io/callbackconsole/ui/console.css")
                .toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterAll
    static void backToTheDefaultLook() {
        Application.setUserAgentStylesheet(null);
    }

    @ParameterizedTest
    @EnumSource(ConsoleTheme.class)
    void eachStateHasItsIconAndASelectedStaleRowReadsInTheTheme(ConsoleTheme theme, FxRobot robot) throws Exception {
        CallbackContext stale = new CallbackContext(CallbackContext.Lookup.FOUND, null, null,
                "step Succeeded at 2030-01-01 00:00:00", null);
        PendingSnapshot snapshot = new PendingSnapshot(
                List.of(callback(STALE, 1), stopping(STOPPING), callback(NEAR_DEAD_LETTER, 4), callback(PLAIN, 1)),
                List.of(), new PollState(PollState.Phase.POLLING, 1, T0, null), T0,
                Map.of(CallbackToken.of(token(STALE)), stale), Map.of("http://q/000000000000/q", 5));
        robot.interact(() -> {
            theme.apply();
            PendingSnapshots.apply(model.table(), snapshot);
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> cell(robot, "Status", PLAIN) != null);

        assertIcon(cell(robot, "Status", STALE), "state-stale", "Stale");
        assertIcon(cell(robot, "Status", STOPPING), "state-stop", "Stop requested");
        assertIcon(cell(robot, "Receives", NEAR_DEAD_LETTER), "state-dead-letter", "dead-letter");
        assertThat(cell(robot, "Status", PLAIN).getGraphic()).as("a plain row has no state icon").isNull();
        assertThat(cell(robot, "Receives", PLAIN).getGraphic()).isNull();
        assertThat(cell(robot, "Status", STALE).getText()).startsWith("Stale: ");
        assertThat(cell(robot, "Status", STOPPING).getText()).isEqualTo("Stop requested");

        Text staleText = (Text) cell(robot, "Status", STALE).lookup(".text");
        Text plainText = (Text) cell(robot, "Status", PLAIN).lookup(".text");
        assertThat(staleText.isStrikethrough()).isTrue();
        assertThat(staleText.getFill()).as("a stale row is muted").isNotEqualTo(plainText.getFill());
        assertThat(background(row(robot, STOPPING))).as("a stop row stands out")
                .isNotEqualTo(background(row(robot, PLAIN)));

        robot.interact(() -> table(robot).getSelectionModel().select(STALE));
        WaitForAsyncUtils.waitForFxEvents();
        Color selectedFill = (Color) ((Text) cell(robot, "Status", STALE).lookup(".text")).getFill();
        Paint selectedBackground = background(row(robot, STALE));
        assertThat(selectedFill).as("the theme's selected text, not the muted one")
                .isEqualTo(theme.dark() ? Color.web("#c9d1d9") : Color.web("#24292f"));
        assertThat(contrast(selectedFill, (Color) selectedBackground)).as("readable on the selection")
                .isGreaterThan(4.5);
        assertThat(((Text) cell(robot, "Status", STALE).lookup(".text")).isStrikethrough()).isTrue();
    }

    static void assertIcon(TableCell<?, ?> cell, String styleClass, String meaning) {
        assertThat(cell.getGraphic()).isInstanceOf(FontIcon.class);
        assertThat(cell.getGraphic().getStyleClass()).contains("state-icon", styleClass);
        assertThat(cell.getGraphic().getAccessibleText()).containsIgnoringCase(meaning);
        assertThat(cell.getGraphic().isVisible()).isTrue();
    }

    /** WCAG's contrast ratio of two opaque colours. */
    static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    static double linear(double channel) {
        return channel <= 0.03928 ? channel / 12.92 : Math.pow((channel + 0.055) / 1.055, 2.4);
    }

    /** The row's own fill (its last background layer: the first is its bottom border). */
    static Paint background(Node row) {
        Background background = ((TableRow<?>) row).getBackground();
        return background.getFills().get(background.getFills().size() - 1).getFill();
    }

    static PendingCallback stopping(int i) {
        String body = "{\"token\":\"" + token(i) + "\",\"pipelineExecutionArn\":\"arn:aws:sagemaker:us-east-2:"
                + "000000000000:pipeline/p" + i + "/execution/e" + i + "\",\"arguments\":{},\"status\":\"Stopping\"}";
        var message = ((ParsedMessage.Valid) new CallbackMessageParser().parse(body)).message();
        return PendingCallback.of(message, new QueueMessage("http://q/000000000000/q", "id-" + i, "rh-" + i, body, T0,
                T0, 1));
    }

    @SuppressWarnings("unchecked")
    static TableView<PendingRow> table(FxRobot robot) {
        return robot.lookup("#pendingTable").queryAs(TableView.class);
    }

    static TableRow<?> row(FxRobot robot, int i) {
        return robot.lookup("#pendingTable .table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> r.getItem() instanceof PendingRow row && row.token().equals(token(i)))
                .findFirst().orElseThrow();
    }

    static TableCell<?, ?> cell(FxRobot robot, String column, int i) {
        return robot.lookup("#pendingTable .table-cell").queryAllAs(TableCell.class).stream()
                .filter(c -> c.getTableColumn().getText().equals(column) && c.getTableRow() != null
                        && c.getTableRow().getItem() instanceof PendingRow row && row.token().equals(token(i))
                        && c.lookup(".text") != null)
                .findFirst().orElse(null);
    }
}
