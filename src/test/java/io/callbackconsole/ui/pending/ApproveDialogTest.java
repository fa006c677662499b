package io.callbackconsole.ui.pending;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.CallerIdentity;
import io.callbackconsole.domain.DeclaredOutput;
import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.OutputParameter;
import io.callbackconsole.domain.OutputParameters;
import io.callbackconsole.domain.OutputType;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Approve dialog's typed controls, each declared type, as an operator fills them in. Monocle. */
@ExtendWith(ApplicationExtension.class)
class ApproveDialogTest {
    static final List<DeclaredOutput> DECLARED = List.of(
            new DeclaredOutput("approved", OutputType.BOOLEAN),
            new DeclaredOutput("rows", OutputType.INTEGER),
            new DeclaredOutput("score", OutputType.FLOAT),
            new DeclaredOutput("approved_by", OutputType.STRING),
            new DeclaredOutput("note", OutputType.STRING));
    static final CallerIdentity ALICE = new CallerIdentity(
            "arn:aws:sts::012345678901:assumed-role/AWSReservedSSO_Reviewer_0123/alice@example.com", "012345678901");

    Stage stage;
    ApproveDialog dialog;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 400, 300));
        stage.show();
    }

    @AfterEach
    void closeDialog(FxRobot robot) {
        if (dialog != null) {
            robot.interact(() -> dialog.close());
        }
    }

    private void open(FxRobot robot, List<DeclaredOutput> declared, ReviewerName reviewer) {
        open(robot, Optional.empty(), declared, reviewer);
    }

    private void open(FxRobot robot, Optional<String> description, List<DeclaredOutput> declared,
                      ReviewerName reviewer) {
        AtomicReference<ApproveDialog> made = new AtomicReference<>();
        robot.interact(() -> {
            ApproveDialog d = new ApproveDialog(stage, "Tok3nAbcde", "ManualReview", description, declared, reviewer);
            d.show();
            made.set(d);
        });
        dialog = made.get();
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Node ok() {
        return dialog.getDialogPane().lookupButton(ButtonType.OK);
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private void type(FxRobot robot, String id, String value) {
        robot.interact(() -> robot.lookup(id).queryAs(TextField.class).setText(value));
    }

    @Test
    void eachDeclaredTypeGetsItsControlAndTheTypedValuesAreSentAsText(FxRobot robot) {
        open(robot, DECLARED, ReviewerName.of(Optional.of(ALICE), new Operator("os-user")));

        ChoiceBox<?> approved = robot.lookup("#output-approved").queryAs(ChoiceBox.class);
        assertThat(approved.getItems()).hasSize(3);
        assertThat((Object) robot.lookup("#output-rows").query()).isInstanceOf(TextField.class);
        assertThat((Object) robot.lookup("#output-score").query()).isInstanceOf(TextField.class);
        assertThat((Object) robot.lookup("#output-note").query()).isInstanceOf(TextField.class);

        robot.interact(() -> robot.lookup("#output-approved").queryAs(ChoiceBox.class).getSelectionModel()
                .select("true"));
        type(robot, "#output-rows", " 42 ");
        type(robot, "#output-score", "0.75");
        type(robot, "#output-note", "looks fine");
        assertThat(ok().isDisabled()).isFalse();
        robot.interact(() -> ((Button) ok()).fire());

        assertThat(dialog.getResult()).isEqualTo(new OutputParameters(List.of(
                new OutputParameter("approved", "true"), new OutputParameter("rows", "42"),
                new OutputParameter("score", "0.75"), new OutputParameter("approved_by", "alice@example.com"),
                new OutputParameter("note", "looks fine"))));
    }

    @Test
    void aNumberThatIsNotOneIsRefusedUnderItsFieldAsItIsTyped(FxRobot robot) {
        open(robot, DECLARED, ReviewerName.of(Optional.empty(), new Operator("os-user")));
        assertThat(ok().isDisabled()).as("nothing typed: nothing wrong").isFalse();

        robot.clickOn("#output-rows").write("4x");
        assertThat(text(robot, "#output-rows-problem")).contains("rows").contains("Integer").contains("whole number");
        assertThat(robot.lookup("#output-rows-problem").query().isVisible()).isTrue();
        assertThat(ok().isDisabled()).isTrue();

        type(robot, "#output-rows", "1.5");
        assertThat(text(robot, "#output-rows-problem")).contains("whole number");
        type(robot, "#output-rows", "15");
        assertThat(text(robot, "#output-rows-problem")).isEmpty();
        assertThat(ok().isDisabled()).isFalse();

        robot.clickOn("#output-score").write("high");
        assertThat(text(robot, "#output-score-problem")).contains("score").contains("Float");
        assertThat(text(robot, "#approveProblem")).contains("score");
        assertThat(ok().isDisabled()).isTrue();
        type(robot, "#output-score", "1e-3");
        assertThat(ok().isDisabled()).isFalse();
    }

    @Test
    void anOutputAskingWhoApprovedIsPreFilledFromTheAwsIdentityOrElseTheOsUser(FxRobot robot) {
        open(robot, DECLARED, ReviewerName.of(Optional.of(ALICE), new Operator("os-user")));
        assertThat(robot.lookup("#output-approved_by").queryAs(TextField.class).getText())
                .isEqualTo("alice@example.com");
        assertThat(text(robot, "#output-approved_by-hint")).contains("AWS identity");
        assertThat(robot.lookup("#output-note").queryAs(TextField.class).getText()).as("not a reviewer").isEmpty();
        robot.interact(() -> dialog.close());

        // The account root names no person: the operating-system user, saying so.
        open(robot, DECLARED, ReviewerName.of(Optional.of(new CallerIdentity("arn:aws:iam::012345678901:root",
                "012345678901")), new Operator("os-user")));
        assertThat(robot.lookup("#output-approved_by").queryAs(TextField.class).getText()).isEqualTo("os-user");
        assertThat(text(robot, "#output-approved_by-hint")).contains("operating-system user")
                .contains("names no person");
    }

    @Test
    void theLongestHintIsShownWholeWrappedNotCut(FxRobot robot) {
        CallerIdentity longName = new CallerIdentity("arn:aws:sts::012345678901:assumed-role/"
                + "AWSReservedSSO_PipelineReviewersWithAVeryLongPermissionSetName_0123456789abcdef/"
                + "firstname.lastname@an-example-organisation.example.com", "012345678901");
        open(robot, List.of(new DeclaredOutput("reviewer", OutputType.STRING)),
                ReviewerName.of(Optional.of(longName), new Operator("os-user")));
        Label hint = robot.lookup("#output-reviewer-hint").queryAs(Label.class);
        assertThat(hint.getText()).contains(longName.arn());
        // A label cut short draws its text with an ellipsis; a wrapped one draws all of it, over several lines.
        Text drawn = (Text) hint.lookup(".text");
        assertThat(drawn.getText()).isEqualTo(hint.getText());
        assertThat(hint.getHeight()).isGreaterThan(2 * hint.getFont().getSize());
    }

    @Test
    void theStepsDescriptionIsOnTopEscapedWrappedAndSelectable(FxRobot robot) {
        String description = "Check the row count before training.\nThen approve \u202Eor fail\u202C it; see the"
                + " runbook page on data quality, which explains every threshold this pipeline uses and who owns it.";
        open(robot, Optional.of(description), DECLARED, ReviewerName.of(Optional.empty(), new Operator("os-user")));

        TextArea shown = robot.lookup("#stepDescription").queryAs(TextArea.class);
        assertThat(shown.getText()).isEqualTo(DisplayText.escapeKeepingLineBreaks(description))
                .startsWith("Check the row count before training.\nThen approve ")
                .doesNotContain("\u202E").containsIgnoringCase("\\u202E");
        assertThat(shown.isEditable()).isFalse();
        assertThat(shown.isWrapText()).isTrue();
        robot.interact(shown::selectAll);
        assertThat(shown.getSelectedText()).isEqualTo(shown.getText());
        // On top: above the first output's control.
        Node first = robot.lookup("#output-approved").query();
        assertThat(shown.localToScene(0, 0).getY()).isLessThan(first.localToScene(0, 0).getY());
    }

    @Test
    void aStepWithoutADescriptionShowsNoneAndNoRoomForIt(FxRobot robot) {
        open(robot, DECLARED, ReviewerName.of(Optional.empty(), new Operator("os-user")));

        assertThat(robot.lookup("#stepDescription").tryQuery()).isEmpty();
        assertThat(robot.lookup(".step-description").tryQuery()).isEmpty();
    }

    @Test
    void personNamesAreReadFromUserRoleSessionAndFederatedArnsOnly() {
        assertThat(ReviewerName.personIn("arn:aws:iam::012345678901:user/ops/alice")).contains("alice");
        assertThat(ReviewerName.personIn("arn:aws:sts::012345678901:assumed-role/Role/bob")).contains("bob");
        assertThat(ReviewerName.personIn("arn:aws:sts::012345678901:federated-user/carol")).contains("carol");
        assertThat(ReviewerName.personIn("arn:aws:iam::012345678901:root")).isEmpty();
        assertThat(ReviewerName.personIn("arn:aws:sts::012345678901:assumed-role/Role")).isEmpty();
        assertThat(ReviewerName.askedFor(new DeclaredOutput("Approved-By", OutputType.STRING))).isTrue();
        assertThat(ReviewerName.askedFor(new DeclaredOutput("reviewerName", OutputType.STRING))).isTrue();
        assertThat(ReviewerName.askedFor(new DeclaredOutput("reviewer", OutputType.BOOLEAN))).isFalse();
        assertThat(ReviewerName.askedFor(new DeclaredOutput("approved", OutputType.STRING))).isFalse();
    }
}
