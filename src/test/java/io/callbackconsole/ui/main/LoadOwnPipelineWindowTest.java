package io.callbackconsole.ui.main;

import static io.callbackconsole.testing.TestPollerSettings.FAST;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.app.AppDirectories;
import io.callbackconsole.app.SandboxOrAwsSessions;
import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.ui.ConsoleEnvironment;
import io.callbackconsole.ui.EnvironmentMarks;
import io.callbackconsole.ui.WindowClosings;
import io.callbackconsole.ui.pending.PendingRow;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window's sandbox runs a definition of the operator's own: loaded, the sandbox restarts with it and its callback
 * step waits in the table; a definition AWS would refuse is refused in the window, naming the place.
 */
@ExtendWith(ApplicationExtension.class)
class LoadOwnPipelineWindowTest {
    @TempDir
    Path dataDir;

    MainViewModel model;

    @Start
    void start(Stage stage) {
        SandboxOrAwsSessions sessions = new SandboxOrAwsSessions(AppDirectories.resolve(dataDir), "test", FAST);
        model = new MainViewModel(new ConsoleEnvironment(sessions, ConnectionSettings.sandboxToStart(), s -> { },
                List::of, "test", new WindowClosings(), EnvironmentMarks.inMemory(), sessions));
        MainWindow.show(stage, model);
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> model.close());
        model.awaitClosed(15_000);
    }

    static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
    }

    @Test
    void aLoadedDefinitionRunsInTheRestartedSandboxAndARefusedOneSaysWhere(FxRobot robot) throws Exception {
        @SuppressWarnings("unchecked")
        TableView<PendingRow> pending = robot.lookup("#pendingTable").queryAs(TableView.class);
        waitUntil(() -> !pending.getItems().isEmpty());
        assertThat(robot.lookup("#loadPipelineButton").query().isVisible()).isTrue();
        Path definition = dataDir.resolve("churn-review.json");
        try (InputStream in = getClass().getResourceAsStream("/pipelines/review-then-release.json")) {
            Files.write(definition, in.readAllBytes());
        }

        robot.interact(() -> model.loadOwnPipeline(definition));

        waitUntil(() -> MainWindowTest.rowsOnFx(pending).stream().anyMatch(row ->
                row.callback().executionArn().pipelineName().equals("churn-review")));
        assertThat(robot.lookup("#sandboxNotice").queryAs(Label.class).getText())
                .startsWith("Pipeline churn-review from " + definition + " is loaded");

        Path broken = dataDir.resolve("broken.json");
        Files.writeString(broken, """
                {"Steps": [{"Name": "A", "Type": "Processing", "DependsOn": ["Ghost"]}]}""");
        robot.interact(() -> model.loadOwnPipeline(broken));
        waitUntil(() -> robot.lookup("#sandboxNotice").queryAs(Label.class).getText()
                .startsWith("The pipeline was not loaded"));
        assertThat(robot.lookup("#sandboxNotice").queryAs(Label.class).getText()).contains(broken.toString())
                .contains("Steps[0]").contains("unknown step 'Ghost'");
    }
}
