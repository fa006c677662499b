package io.callbackconsole.ui.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.ui.common.task.CurrentThreadTaskExecutor;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The dialog says when the AWS profiles cannot be listed, instead of showing an empty list. Monocle. */
@ExtendWith(ApplicationExtension.class)
class ConnectionDialogTest {
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 400, 300));
        stage.show();
    }

    ConnectionDialog dialog(FxRobot robot, java.util.function.Supplier<List<String>> profiles) {
        AtomicReference<ConnectionDialog> made = new AtomicReference<>();
        robot.interact(() -> made.set(new ConnectionDialog(stage, null, profiles, new CurrentThreadTaskExecutor())));
        return made.get();
    }

    @Test
    void profilesThatCannotBeReadAreReportedInTheDialog(FxRobot robot) {
        ConnectionDialog dialog = dialog(robot, () -> {
            throw new UncheckedIOException(new java.io.IOException("~/.aws/config: permission denied"));
        });

        Label problem = (Label) dialog.getDialogPane().lookup("#connectProfilesProblem");
        assertThat(problem.getText()).contains("Cannot list the profiles").contains("permission denied");
    }

    @Test
    void profilesThatCanBeReadAreOffered(FxRobot robot) {
        ConnectionDialog dialog = dialog(robot, () -> List.of("ops", "prod"));

        @SuppressWarnings("unchecked")
        ComboBox<String> profile = (ComboBox<String>) dialog.getDialogPane().lookup("#connectProfile");
        assertThat(profile.getItems()).containsExactly("ops", "prod");
        assertThat(((Label) dialog.getDialogPane().lookup("#connectProfilesProblem")).getText()).isEmpty();
    }

    @Test
    void anIamEndpointIsShownAndKeptSoTheAliasIsAskedThere(FxRobot robot) {
        io.callbackconsole.aws.ConnectionSettings current = new io.callbackconsole.aws.ConnectionSettings(false,
                "ops", "us-east-2", List.of("https://sqs.us-east-2.amazonaws.com/123456789012/q"),
                java.net.URI.create("http://127.0.0.1:9324"), null, null)
                .withIamEndpoint(java.net.URI.create("http://127.0.0.1:9325"));
        AtomicReference<ConnectionDialog> made = new AtomicReference<>();
        robot.interact(() -> made.set(new ConnectionDialog(stage, current, () -> List.of("ops"),
                new CurrentThreadTaskExecutor())));
        javafx.scene.control.TextField iam = (javafx.scene.control.TextField) made.get().getDialogPane()
                .lookup("#connectIamEndpoint");
        assertThat(iam.getText()).isEqualTo("http://127.0.0.1:9325");

        AtomicReference<ConnectionChoice> chosen = new AtomicReference<>();
        robot.interact(() -> {
            iam.setText("http://127.0.0.1:9326");
            chosen.set(made.get().getResultConverter().call(javafx.scene.control.ButtonType.OK));
        });
        assertThat(chosen.get().settings().iamEndpoint()).hasToString("http://127.0.0.1:9326");
        assertThat(chosen.get().settings().sqsEndpoint()).hasToString("http://127.0.0.1:9324");
    }
}
