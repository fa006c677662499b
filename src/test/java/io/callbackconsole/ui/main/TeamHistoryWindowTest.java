package io.callbackconsole.ui.main;

import static io.callbackconsole.ui.main.MainWindowTest.openTab;
import static io.callbackconsole.ui.main.MainWindowTest.firstPendingRow;
import static io.callbackconsole.ui.main.MainWindowTest.table;
import static io.callbackconsole.ui.main.MainWindowTest.text;
import static io.callbackconsole.ui.main.MainWindowTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.history.AuditRecord;
import io.callbackconsole.history.ExportFormat;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.history.TeamHistoryLocation;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.testing.SandboxSessionExtension;
import io.callbackconsole.testing.TestPollerSettings;
import io.callbackconsole.testing.TestPostgres;
import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.ui.ConsoleEnvironment;
import io.callbackconsole.ui.pending.PendingRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The window on a team history on a real PostgreSQL server of its own (which these tests crash and restart): the
 * History tab reads it as it reads a file, the header says where decisions go, and a server that goes away shows the
 * "connection lost" banner while nothing is sent, polling goes on, and it goes once the server is back. Monocle.
 */
@ExtendWith(ApplicationExtension.class)
class TeamHistoryWindowTest {
    /** The driver's own setting for where the password file is (PGPASSFILE in the environment). */
    private static final String PGPASSFILE_PROPERTY = "org.postgresql.pgpassfile";

    @RegisterExtension
    static final SandboxSessionExtension sandboxSession = SandboxSessionExtension.sandboxSession();

    static TestPostgres server;
    static Path passwordFile;

    Stage stage;
    Sandbox sandbox;
    MainViewModel model;
    String database;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestPostgres.startOfItsOwn();
        // The password as an operator keeps it: in a password file, never in the URL.
        passwordFile = Files.createTempFile("pgpass-", "");
        Files.writeString(passwordFile, "*:*:*:" + TestPostgres.SUPERUSER + ":" + TestPostgres.SUPERUSER_PASSWORD
                + "\n");
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        System.setProperty(PGPASSFILE_PROPERTY, passwordFile.toString());
    }

    @AfterAll
    static void stopServer() throws Exception {
        System.clearProperty(PGPASSFILE_PROPERTY);
        Files.deleteIfExists(passwordFile);
        if (server != null) {
            server.stop();
        }
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        sandbox = sandboxSession.sandbox();
        database = server.createDatabase();
    }

    /** Opens the window on the test's team history, asking it every {@code heartbeat} and again after {@code retry}. */
    void openWindow(FxRobot robot, Duration heartbeat, Duration retry) {
        TeamHistoryLocation location = TeamHistoryLocation.parse(database + "?user=" + TestPostgres.SUPERUSER);
        ConsoleEnvironment environment = new ConsoleEnvironment(settings -> ConsoleSession.open(
                sandboxSession.connection(), () -> HistoryStore.openTeam(location, "test"), TestPollerSettings.FAST),
                sandboxSession.connection(), settings -> { }, List::of, "test");
        robot.interact(() -> {
            model = new MainViewModel(environment, new TeamHistoryLink(heartbeat, retry));
            MainWindow.show(stage, model);
        });
    }

    @AfterEach
    void closeWindow(FxRobot robot) {
        if (!server.isRunning()) {
            server.restart();
        }
        if (model != null) {
            robot.interact(() -> model.close());
            model.awaitClosed(10_000);
        }
    }

    @Test
    void aRoleThatCouldRewriteTheTeamHistoryIsWarnedOfUntilDismissed(FxRobot robot) throws Exception {
        // The test's role is the server's superuser: it may UPDATE, DELETE and TRUNCATE the journal.
        openWindow(robot, TeamHistoryLink.HEARTBEAT, TeamHistoryLink.FIRST_RETRY);
        waitUntil(() -> robot.lookup("#historyRoleNotice").tryQuery().map(javafx.scene.Node::isVisible)
                .orElse(false) && !text(robot, "#historyRoleNotice").isEmpty());
        assertThat(text(robot, "#historyRoleNotice"))
                .startsWith("Role " + TestPostgres.SUPERUSER + " may also UPDATE, DELETE, TRUNCATE the journal of"
                        + " postgresql://")
                .contains("this role could rewrite history")
                .contains("REVOKE UPDATE, DELETE, TRUNCATE ON submission_event FROM")
                .doesNotContain(TestPostgres.SUPERUSER_PASSWORD);

        robot.clickOn(robot.lookup("#historyRoleNotice").queryLabeled().getParent()
                .lookup(".button"));
        waitUntil(() -> text(robot, "#historyRoleNotice").isEmpty());
    }

    @Test
    void theHistoryTabFiltersSearchesExportsAndVerifiesTheTeamHistory(FxRobot robot) throws Exception {
        openWindow(robot, TeamHistoryLink.HEARTBEAT, TeamHistoryLink.FIRST_RETRY);
        TableView<PendingRow> pending = table(robot, "#pendingTable");
        waitUntil(() -> pending.getItems().size() >= 2);
        waitUntil(() -> text(robot, "#historyPath").startsWith("history: team history postgresql://"));
        assertThat(text(robot, "#historyPath")).contains(":" + server.port() + "/")
                .doesNotContain(TestPostgres.SUPERUSER_PASSWORD);

        robot.clickOn(firstPendingRow(robot));
        PendingRow chosen = pending.getSelectionModel().getSelectedItem();
        robot.clickOn("#reasonField").write("Drift above threshold OPS-42");
        robot.clickOn("#submitButton");
        waitUntil(() -> text(robot, "#submissionResult").contains(chosen.callback().executionArn().value()));

        openTab(robot, "#historyTab");
        robot.clickOn("#showEvents");
        TableView<AuditRecord> history = table(robot, "#historyTable");
        waitUntil(() -> history.getItems().size() == 2);
        assertThat(text(robot, "#historyDatabasePath")).contains("postgresql://").contains(":" + server.port());

        robot.interact(() -> robot.lookup("#historySearch").queryTextInputControl().setText("ops-42"));
        waitUntil(() -> history.getItems().size() == 2);
        robot.interact(() -> robot.lookup("#historySearch").queryTextInputControl().setText("nothing-like-it"));
        waitUntil(() -> history.getItems().isEmpty());
        robot.interact(() -> robot.lookup("#historySearch").queryTextInputControl().setText(chosen.token()));
        waitUntil(() -> history.getItems().size() == 2);

        Path out = passwordFile.resolveSibling("team-history-" + System.nanoTime() + ".csv");
        try {
            robot.interact(() -> model.history().export(out, ExportFormat.CSV));
            waitUntil(() -> Files.exists(out) && Files.readString(out).contains("Drift above threshold OPS-42"));
        } finally {
            Files.deleteIfExists(out);
        }

        robot.clickOn("#verifyButton");
        waitUntil(() -> text(robot, "#verifyResult").startsWith("2 rows verified, head "));
        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void aLostTeamHistoryShowsTheBannerRefusesDecisionsBeforeSendingAndReconnectsByItself(FxRobot robot)
            throws Exception {
        openWindow(robot, Duration.ofMillis(300), Duration.ofMillis(300));
        TableView<PendingRow> pending = table(robot, "#pendingTable");
        waitUntil(() -> pending.getItems().size() >= 2);
        assertThat(robot.lookup("#historyLostBar").query().isVisible()).isFalse();

        server.crash();
        waitUntil(() -> robot.lookup("#historyLostBar").query().isVisible());
        assertThat(text(robot, "#historyLostNotice")).startsWith("Connection to the team history lost: ")
                .contains("Nothing is sent while it is away").contains("Reconnect");

        // A decision meanwhile is refused before SageMaker is called, and its reason stays typed.
        int callsBefore = sandbox.simulator().callsTo("SendPipelineExecutionStepFailure").size();
        robot.clickOn(firstPendingRow(robot));
        PendingRow chosen = pending.getSelectionModel().getSelectedItem();
        robot.clickOn("#reasonField").write("Kept while the history is away");
        robot.clickOn("#submitButton");
        waitUntil(() -> !text(robot, "#submissionResult").isEmpty());
        assertThat(sandbox.simulator().callsTo("SendPipelineExecutionStepFailure")).hasSize(callsBefore);
        assertThat(robot.lookup("#reasonField").queryTextInputControl().getText())
                .isEqualTo("Kept while the history is away");

        // Polling goes on: a new callback still shows up.
        int shown = pending.getItems().size();
        sandbox.simulator().startExecution("manual-approval", java.util.Map.of());
        waitUntil(() -> pending.getItems().size() > shown);

        server.restart();
        waitUntil(() -> !robot.lookup("#historyLostBar").query().isVisible());

        robot.clickOn("#submitButton");
        waitUntil(() -> text(robot, "#submissionResult").contains(chosen.callback().executionArn().value()));
        assertThat(sandbox.simulator().callsTo("SendPipelineExecutionStepFailure")).hasSize(callsBefore + 1);
        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void reconnectAsksAtOnceAndTheBannerGoesWithTheFirstAnswer(FxRobot robot) throws Exception {
        // Checked every 300 ms while it answers; once lost, not again by itself for 10 minutes.
        openWindow(robot, Duration.ofMillis(300), Duration.ofMinutes(10));
        waitUntil(() -> table(robot, "#pendingTable").getItems().size() >= 1);
        server.crash();
        waitUntil(() -> robot.lookup("#historyLostBar").query().isVisible());
        server.restart();

        robot.clickOn("#historyReconnectButton");

        waitUntil(() -> !robot.lookup("#historyLostBar").query().isVisible());
    }

    private long rows() throws Exception {
        try (var c = TestPostgres.superuserOn(database); Statement s = c.createStatement();
             ResultSet count = s.executeQuery("SELECT count(*) FROM submission_event")) {
            count.next();
            return count.getLong(1);
        }
    }
}
