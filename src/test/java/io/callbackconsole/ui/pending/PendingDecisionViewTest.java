package io.callbackconsole.ui.pending;

import static io.callbackconsole.ui.pending.PendingSnapshots.T0;
import static io.callbackconsole.ui.pending.PendingSnapshots.callback;
import static io.callbackconsole.ui.pending.PendingSnapshots.snapshotOf;
import static io.callbackconsole.ui.pending.PendingSnapshots.token;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.Action;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.triage.PendingSnapshot;
import io.callbackconsole.triage.PollState;
import io.callbackconsole.triage.RetrySchedule;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Pending view as the operator meets it, fed snapshots (no connection): decisions tied to their row, the several-
 * selected state, the filter's honest empty state, the "Cannot poll" banner and retries of unanswered decisions.
 */
@ExtendWith(ApplicationExtension.class)
class PendingDecisionViewTest {
    static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());
    static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    PendingCallbacksViewModel model;
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        model = new PendingCallbacksViewModel();
        stage.setScene(new Scene(new PendingView(model, url -> { }), 1280, 800));
        stage.show();
    }

    @SuppressWarnings("unchecked")
    TableView<PendingRow> table(FxRobot robot) {
        return robot.lookup("#pendingTable").queryAs(TableView.class);
    }

    PendingRow shown(FxRobot robot, int i) {
        return table(robot).getItems().stream().filter(r -> r.token().equals(token(i))).findFirst().orElseThrow();
    }

    void select(FxRobot robot, int... indices) {
        robot.interact(() -> {
            var selection = table(robot).getSelectionModel();
            selection.clearSelection();
            for (int i : indices) {
                selection.select(shown(robot, i));
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
    }

    String text(FxRobot robot, String id) {
        Node node = robot.lookup(id).query();
        return node instanceof Label label ? label.getText() : ((TextArea) node).getText();
    }

    /** The text of the laid-out Status cell of the token's row. */
    String statusCellOf(FxRobot robot, int i) {
        return robot.lookup("#pendingTable .table-cell").queryAllAs(TableCell.class).stream()
                .filter(c -> c.getTableColumn().getText().equals("Status") && c.getTableRow() != null
                        && c.getTableRow().getItem() instanceof PendingRow row && row.token().equals(token(i)))
                .map(TableCell::getText).findFirst().orElse("");
    }

    @Test
    void aReasonTypedForOneTokenNeverArmsAnotherAndComesBackWithItsOwnRow(FxRobot robot) throws Exception {
        robot.interact(() -> PendingSnapshots.apply(model.table(), snapshotOf(1, 3)));
        select(robot, 0);
        robot.clickOn("#reasonField").write("Reason meant ONLY for " + token(0));

        select(robot, 1);
        assertThat(text(robot, "#reasonField")).as("another token's draft").isEmpty();
        assertThat(robot.lookup("#submitButton").queryButton().getText()).isEqualTo("Fail " + token(1) + " (p1)");

        select(robot, 0);
        assertThat(text(robot, "#reasonField")).isEqualTo("Reason meant ONLY for " + token(0));
        assertThat(robot.lookup("#submitButton").queryButton().getText()).isEqualTo("Fail " + token(0) + " (p0)");
    }

    @Test
    void withSeveralRowsSelectedOnlyTheBulkDecisionIsOfferedWithItsOwnReason(FxRobot robot) throws Exception {
        robot.interact(() -> PendingSnapshots.apply(model.table(), snapshotOf(1, 5)));
        select(robot, 0);
        robot.clickOn("#reasonField").write("Only for the first");

        select(robot, 0, 1, 2, 3);

        assertThat(robot.lookup("#decisionPane").queryAs(TitledPane.class).isVisible()).isFalse();
        assertThat(robot.lookup("#submitButton").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#approveButton").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#releaseButton").queryButton().isDisabled()).isTrue();
        assertThat(model.decision().submitBlockedBecauseProperty().get()).startsWith("4 selected");
        assertThat(text(robot, "#detailSelectionCount")).startsWith("4 selected");
        assertThat(robot.lookup("#detailSelectionCount").queryAs(Label.class).isVisible()).isTrue();
        assertThat(robot.lookup("#bulkPane").queryAs(TitledPane.class).isVisible()).isTrue();
        assertThat(text(robot, "#bulkReasonField")).as("the focused row's draft is not the bulk reason").isEmpty();
        assertThat(robot.lookup("#bulkFailButton").queryButton().getText()).isEqualTo("Fail 4 selected…");
        assertThat(robot.lookup("#bulkPane").queryAs(TitledPane.class).getContent().lookupAll(".label").stream()
                .map(n -> ((Label) n).getText())).anyMatch(t -> t.startsWith("Reason for every selected step"))
                .noneMatch(t -> t.contains("typed above"));

        robot.interact(() -> robot.lookup("#bulkReasonField").queryAs(TextArea.class).setText("For all four"));
        assertThat(model.bulk().question()).startsWith("Fail 4 callback steps of 4 pipelines (p0, p1, p2, p3)")
                .contains("\"For all four\"").contains("cannot be undone");

        // Back to one row: the bulk reason is not armed for the next group, and the row's own draft is back.
        select(robot, 0);
        assertThat(model.bulk().reasonProperty().get()).isEmpty();
        assertThat(robot.lookup("#decisionPane").queryAs(TitledPane.class).isVisible()).isTrue();
        assertThat(text(robot, "#reasonField")).isEqualTo("Only for the first");
        assertThat(robot.lookup("#detailToken").queryAs(Label.class).getText()).isEqualTo(token(0));
    }

    @Test
    void aFilterThatHidesEveryRowSaysSoOffersToClearItAndEscClearsIt(FxRobot robot) throws Exception {
        robot.interact(() -> PendingSnapshots.apply(model.table(), snapshotOf(1, 2)));
        assertThat(model.tabTitleProperty().get()).isEqualTo("Pending (2)");

        robot.clickOn("#pendingFilter").write("no-such-thing");

        assertThat(text(robot, "#pendingPlaceholder")).isEqualTo("0 of 2 shown");
        Hyperlink clear = robot.lookup("#clearFilterLink").queryAs(Hyperlink.class);
        assertThat(clear.isVisible()).isTrue();
        assertThat(model.tabTitleProperty().get()).isEqualTo("Pending (0 of 2)");
        robot.clickOn(clear);
        assertThat(robot.lookup("#pendingFilter").queryAs(TextField.class).getText()).isEmpty();
        assertThat(model.tabTitleProperty().get()).isEqualTo("Pending (2)");

        robot.clickOn("#pendingFilter").write("p1");
        assertThat(model.tabTitleProperty().get()).isEqualTo("Pending (1 of 2)");
        robot.type(KeyCode.ESCAPE);
        assertThat(robot.lookup("#pendingFilter").queryAs(TextField.class).getText()).isEmpty();
        assertThat(table(robot).getItems()).hasSize(2);
    }

    @Test
    void cannotPollIsABannerWithTheReasonTheLastGoodPollAndTheNextTryAndRowsSayHowOldTheyAre(FxRobot robot)
            throws Exception {
        List<PendingCallback> pending = List.of(callback(0, 1), callback(1, 1));
        PollState failing = new PollState(PollState.Phase.FAILING, 1, T0, "q: the endpoint cannot be reached.",
                T0.plusSeconds(65));
        robot.interact(() -> PendingSnapshots.apply(model.table(),
                new PendingSnapshot(pending, List.of(), failing, T0.plusSeconds(63))));

        Label banner = robot.lookup("#pollBanner").queryAs(Label.class);
        assertThat(banner.isVisible()).isTrue();
        assertThat(banner.getText()).startsWith("Cannot poll: q: the endpoint cannot be reached.")
                .contains("Last successful poll at " + HH_MM_SS.format(T0))
                .contains("as of " + HH_MM.format(T0))
                .contains("Next try at about " + HH_MM_SS.format(T0.plusSeconds(65)));
        waitUntil(() -> statusCellOf(robot, 0).endsWith(" · as of " + HH_MM.format(T0)));

        // Polling works again: the banner and the marks go.
        robot.interact(() -> PendingSnapshots.apply(model.table(), snapshotOf(70, 2)));
        assertThat(banner.isVisible()).isFalse();
        waitUntil(() -> statusCellOf(robot, 0).equals("Executing"));
    }

    @Test
    void anUnansweredDecisionShowsItsNextRetryAndAttemptAndItsButtonsAreNeverCut(FxRobot robot) throws Exception {
        RetrySchedule retry = new RetrySchedule(4, T0.plusSeconds(18), T0.plusSeconds(1800), Action.FAIL, "Bad data");
        String until = " until " + ShortTimes.hoursMinutes(T0.plusSeconds(1800));
        PendingSnapshot base = snapshotOf(10, 2);
        robot.interact(() -> {
            stage.setWidth(900);
            PendingSnapshots.apply(model.table(), base.withRetries(Map.of(CallbackToken.of(token(0)), retry)));
        });

        waitUntil(() -> statusCellOf(robot, 0).equals("Executing · outcome unknown — retrying in 8 s (attempt 4)" + until));
        select(robot, 0);
        assertThat(text(robot, "#retryStatus")).isEqualTo("outcome unknown — retrying in 8 s (attempt 4)" + until);
        Button giveUp = robot.lookup("#giveUpButton").queryButton();
        assertThat(giveUp.isVisible()).isTrue();
        WaitForAsyncUtils.waitForFxEvents();
        for (String id : List.of("#submitButton", "#approveButton", "#releaseButton", "#giveUpButton")) {
            Button button = robot.lookup(id).queryButton();
            assertThat(button.getMinWidth()).isEqualTo(Region.USE_PREF_SIZE);
            assertThat(button.getWidth()).as(id + " is as wide as its text").isGreaterThanOrEqualTo(
                    button.prefWidth(-1) - 0.5);
        }

        // The retry settled: its marks go with the next snapshot.
        robot.interact(() -> PendingSnapshots.apply(model.table(), snapshotOf(20, 2)));
        assertThat(text(robot, "#retryStatus")).isEmpty();
        assertThat(giveUp.isVisible()).isFalse();
        // The stage is shared with the next test class.
        robot.interact(() -> stage.setWidth(1280));
    }

    @Test
    void aTokenAnotherConsoleIsDecidingSaysWhoInItsRowAndDetailsAndCannotBeApprovedHere(FxRobot robot)
            throws Exception {
        PendingSnapshot base = PendingSnapshots.lookedUp(snapshotOf(10, 2));
        // The operator's name comes from the shared history: outside text, escaped where it is shown.
        robot.interact(() -> PendingSnapshots.apply(model.table(),
                base.withBeingDecidedBy(Map.of(CallbackToken.of(token(0)), "alice\u202e"))));

        String decidedThere = "being decided by alice\\u202e in another console";
        waitUntil(() -> statusCellOf(robot, 0).endsWith(" · " + decidedThere));
        waitUntil(() -> !statusCellOf(robot, 1).isEmpty() && !statusCellOf(robot, 1).contains(decidedThere));
        select(robot, 1);
        Button approve = robot.lookup("#approveButton").queryButton();
        assertThat(approve.isDisabled()).as("another row can be approved").isFalse();
        select(robot, 0);
        assertThat(text(robot, "#detailStatus")).endsWith(" · " + decidedThere);
        assertThat(approve.isDisabled()).isTrue();
        assertThat(robot.lookup("#submitButton").queryButton().isDisabled()).isTrue();

        // Settled there: the row is this console's to decide again (or gone, once accepted).
        robot.interact(() -> PendingSnapshots.apply(model.table(), PendingSnapshots.lookedUp(snapshotOf(20, 2))));
        waitUntil(() -> !statusCellOf(robot, 0).isEmpty() && !statusCellOf(robot, 0).contains(decidedThere));
        assertThat(approve.isDisabled()).isFalse();
    }

    @Test
    void theConfirmationOfAnIrreversibleActionDefaultsToCancel(FxRobot robot) throws Exception {
        Alert[] shown = new Alert[1];
        robot.interact(() -> {
            shown[0] = PendingView.confirmation("Fail 4 callback steps of 1 pipeline (p) with the reason \"x\"?");
            shown[0].show();
        });
        Button ok = (Button) shown[0].getDialogPane().lookupButton(ButtonType.OK);
        Button cancel = (Button) shown[0].getDialogPane().lookupButton(ButtonType.CANCEL);
        assertThat(cancel.isDefaultButton()).isTrue();
        assertThat(ok.isDefaultButton()).isFalse();

        robot.type(KeyCode.ENTER);

        waitUntil(() -> !shown[0].isShowing());
        assertThat(shown[0].getResult()).isEqualTo(ButtonType.CANCEL);
    }
}
