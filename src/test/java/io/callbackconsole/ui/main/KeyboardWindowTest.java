package io.callbackconsole.ui.main;

import static io.callbackconsole.ui.main.MainWindowTest.rowsOnFx;
import static io.callbackconsole.ui.main.MainWindowTest.table;
import static io.callbackconsole.ui.main.MainWindowTest.text;
import static io.callbackconsole.ui.main.MainWindowTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.testing.SandboxSessionExtension;
import io.callbackconsole.ui.ConsoleEnvironment;
import io.callbackconsole.ui.common.Shortcut;
import io.callbackconsole.ui.pending.PendingRow;
import java.util.Arrays;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window without a mouse: every action has keys, the keys are in the tooltips (made with the buttons, not on
 * first hover) and on the Help sheet, Tab goes table → reason → actions, and a key does what its button does (nothing
 * when the button is off). Monocle, against a sandbox of its own per test.
 */
@ExtendWith(ApplicationExtension.class)
class KeyboardWindowTest {
    @RegisterExtension
    final SandboxSessionExtension sandboxSession = SandboxSessionExtension.sandboxSession();

    MainViewModel model;
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        model = new MainViewModel(new ConsoleEnvironment(sandboxSession.opener(), sandboxSession.connection(),
                settings -> { }, List::of, "test"));
        MainWindow.show(stage, model);
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> model.close());
        model.awaitClosed(10_000);
    }

    PendingRow selectManualReview(FxRobot robot, TableView<PendingRow> pending) throws Exception {
        waitUntil(() -> rowsOnFx(pending).stream().filter(r -> "ManualReview".equals(r.stepName())).count() == 2);
        PendingRow row = rowsOnFx(pending).stream().filter(r -> "ManualReview".equals(r.stepName())).findFirst()
                .orElseThrow();
        robot.interact(() -> pending.getSelectionModel().clearAndSelect(pending.getItems().indexOf(row)));
        waitUntil(() -> text(robot, "#detailToken").equals(row.token()));
        return row;
    }

    @Test
    void theActionsNameTheirKeysInTooltipsMadeWithTheButtonsAndF1ListsEveryShortcut(FxRobot robot)
            throws Exception {
        TableView<PendingRow> pending = table(robot, "#pendingTable");
        selectManualReview(robot, pending);
        // Never hovered: the tooltips are there for keyboard users and screen readers too.
        for (var expected : List.of(List.of("#approveButton", Shortcut.APPROVE), List.of("#releaseButton",
                Shortcut.RELEASE), List.of("#submitButton", Shortcut.FAIL), List.of("#findWaitingButton",
                Shortcut.FIND_WAITING), List.of("#connectButton", Shortcut.CONNECT))) {
            var button = robot.lookup((String) expected.get(0)).queryButton();
            assertThat(button.getTooltip()).as(expected.get(0) + " has its tooltip before any hover").isNotNull();
            assertThat(button.getTooltip().getText()).endsWith("(" + ((Shortcut) expected.get(1)).keysText() + ")");
        }
        assertThat(Shortcut.APPROVE.keysText()).isEqualTo("Ctrl+Shift+A");

        robot.push(KeyCode.F1);
        waitUntil(() -> robot.lookup("#keyboardSheet").tryQuery().isPresent());
        Node sheet = robot.lookup("#keyboardSheet").query();
        List<String> lines = sheet.lookupAll(".label").stream().map(n -> ((Label) n).getText()).toList();
        assertThat(lines).as("every shortcut, keys and meaning").containsAll(Arrays.stream(Shortcut.values())
                .flatMap(s -> java.util.stream.Stream.of(s.keysText(), s.description())).toList());
        robot.interact(() -> sheet.getScene().getWindow().hide());
    }

    @Test
    void tabGoesFromTheTableToTheReasonAndOnToTheActionThatCanBeTaken(FxRobot robot) throws Exception {
        TableView<PendingRow> pending = table(robot, "#pendingTable");
        PendingRow row = selectManualReview(robot, pending);
        robot.interact(pending::requestFocus);

        robot.push(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.getScene().getFocusOwner()).as("after the table: the reason, not the details")
                .isSameAs(robot.lookup("#reasonField").query());
        robot.write("Feature drift over the limit");
        robot.push(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.getScene().getFocusOwner()).as("after the reason: Fail, which names the row")
                .isSameAs(robot.lookup("#submitButton").query());
        assertThat(text(robot, "#reasonField")).as("Tab typed no tab").isEqualTo("Feature drift over the limit");
        assertThat(robot.lookup("#submitButton").queryButton().getText()).startsWith("Fail " + row.token());

        robot.push(KeyCode.SHIFT, KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.getScene().getFocusOwner()).isSameAs(robot.lookup("#reasonField").query());
    }

    @Test
    void aKeyDoesWhatItsButtonDoesAndNothingWhenTheButtonIsOff(FxRobot robot) throws Exception {
        TableView<PendingRow> pending = table(robot, "#pendingTable");
        selectManualReview(robot, pending);

        robot.push(new KeyCodeCombination(KeyCode.A, KeyCodeCombination.SHORTCUT_DOWN,
                KeyCodeCombination.SHIFT_DOWN));
        waitUntil(() -> robot.lookup("#output-approved").tryQuery().isPresent());
        DialogPane approve = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        robot.interact(() -> ((javafx.scene.control.Button) approve.lookupButton(ButtonType.CANCEL)).fire());
        waitUntil(() -> robot.lookup("#output-approved").tryQuery().isEmpty());

        // Several selected: the single-row actions are off, and so are their keys.
        robot.interact(() -> pending.getSelectionModel().selectAll());
        waitUntil(() -> robot.lookup("#releaseButton").queryButton().isDisabled());
        int rows = pending.getItems().size();
        robot.push(new KeyCodeCombination(KeyCode.R, KeyCodeCombination.SHORTCUT_DOWN,
                KeyCodeCombination.SHIFT_DOWN));
        Thread.sleep(500);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pending.getItems()).as("nothing released").hasSize(rows);

        PendingRow row = selectManualReview(robot, pending);
        robot.push(new KeyCodeCombination(KeyCode.R, KeyCodeCombination.SHORTCUT_DOWN,
                KeyCodeCombination.SHIFT_DOWN));
        waitUntil(() -> text(robot, "#submissionResult").startsWith("Released token " + row.token()));

        // Ctrl+3 shows History and Ctrl+F then searches it; Ctrl+F from elsewhere filters Pending.
        robot.push(new KeyCodeCombination(KeyCode.DIGIT3, KeyCodeCombination.SHORTCUT_DOWN));
        waitUntil(() -> robot.lookup("#historySearch").tryQuery().isPresent());
        robot.push(new KeyCodeCombination(KeyCode.F, KeyCodeCombination.SHORTCUT_DOWN));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.getScene().getFocusOwner()).isSameAs(robot.lookup("#historySearch").query());
        robot.push(new KeyCodeCombination(KeyCode.DIGIT2, KeyCodeCombination.SHORTCUT_DOWN));
        robot.push(new KeyCodeCombination(KeyCode.F, KeyCodeCombination.SHORTCUT_DOWN));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.getScene().getFocusOwner()).isSameAs(robot.lookup("#pendingFilter").query());
    }

    @Test
    void ctrlQClosesTheWindowAndItsConnection(FxRobot robot) throws Exception {
        TableView<PendingRow> pending = table(robot, "#pendingTable");
        waitUntil(() -> !pending.getItems().isEmpty());
        robot.push(new KeyCodeCombination(KeyCode.Q, KeyCodeCombination.SHORTCUT_DOWN));
        waitUntil(() -> !stage.isShowing());
        assertThat(model.awaitClosed(10_000)).as("the connection closed with the window").isTrue();
        assertThat(Window.getWindows()).doesNotContain(stage);
    }
}
