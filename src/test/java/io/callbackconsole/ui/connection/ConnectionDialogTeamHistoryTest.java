package io.callbackconsole.ui.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.history.TeamHistoryLocation;
import io.callbackconsole.testing.TestPostgres;
import io.callbackconsole.ui.common.task.CurrentThreadTaskExecutor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Choosing a team history in Connect…: the dialog checks it before it closes with it, by connecting as the console
 * will (the password from the password file, as an operator keeps it), against a real PostgreSQL server, and says in
 * the dialog what is wrong. Monocle.
 */
@ExtendWith(ApplicationExtension.class)
class ConnectionDialogTeamHistoryTest {
    /** The driver's own setting for where the password file is (PGPASSFILE in the environment). */
    private static final String PGPASSFILE_PROPERTY = "org.postgresql.pgpassfile";
    /** The password of every role these tests make, in the password file. */
    private static final String ROLE_PASSWORD = "pw-dialog-" + System.nanoTime();
    private static final AtomicInteger ROLES = new AtomicInteger();
    private static final String QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/callbacks";

    static Path passwordFile;
    /** A team history whose tables the superuser made; each test's role gets its own grants. */
    static String database;

    Stage stage;

    @BeforeAll
    static void setUp() throws IOException {
        passwordFile = Files.createTempFile("pgpass-", "");
        Files.writeString(passwordFile, "*:*:*:" + TestPostgres.SUPERUSER + ":" + TestPostgres.SUPERUSER_PASSWORD
                + "\n*:*:*:*:" + ROLE_PASSWORD + "\n");
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        System.setProperty(PGPASSFILE_PROPERTY, passwordFile.toString());
        database = TestPostgres.freshDatabase();
        HistoryStore.openTeam(TeamHistoryLocation.parse(database + "?user=" + TestPostgres.SUPERUSER), "test")
                .close();
    }

    @AfterAll
    static void forgetPasswordFile() throws IOException {
        System.clearProperty(PGPASSFILE_PROPERTY);
        Files.deleteIfExists(passwordFile);
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 400, 300));
        stage.show();
    }

    /** The dialog, shown, on an AWS connection journaled in the team history at {@code url}. */
    ConnectionDialog dialog(FxRobot robot, String url) {
        ConnectionSettings current = new ConnectionSettings(false, "ops", "us-east-1", List.of(QUEUE), null, null,
                null).withHistoryUrl(url);
        AtomicReference<ConnectionDialog> made = new AtomicReference<>();
        robot.interact(() -> {
            made.set(new ConnectionDialog(stage, current, List::of, Map::of, TeamHistoryCheck.connecting("test"),
                    new CurrentThreadTaskExecutor()));
            made.get().show();
        });
        return made.get();
    }

    static String checkResult(ConnectionDialog dialog) {
        return ((Label) dialog.getDialogPane().lookup("#historyCheckResult")).getText();
    }

    /** Presses OK, which checks the team history first; true when the dialog closed with a choice. */
    static boolean pressOk(FxRobot robot, ConnectionDialog dialog) {
        robot.interact(() -> ((Button) dialog.getDialogPane().lookupButton(ButtonType.OK)).fire());
        return !dialog.isShowing();
    }

    static void close(FxRobot robot, ConnectionDialog dialog) {
        robot.interact(dialog::close);
    }

    @Test
    void aTeamHistoryThatAnswersIsCheckedAndChosenAndSavedWithTheConnection(FxRobot robot) {
        String url = database + "?user=" + role("GRANT SELECT, INSERT ON submission_event TO %s",
                "GRANT SELECT ON history_schema TO %s");
        ConnectionDialog dialog = dialog(robot, url);
        assertThat(((RadioButton) dialog.getDialogPane().lookup("#historyTeam")).isSelected()).isTrue();
        assertThat(((TextField) dialog.getDialogPane().lookup("#connectHistoryUrl")).getText()).isEqualTo(url);

        assertThat(pressOk(robot, dialog)).isTrue();
        assertThat(dialog.getResult().settings().historyUrl()).isEqualTo(url);
    }

    @Test
    void theFileNeedsNoCheckAndSavesNoUrl(FxRobot robot) {
        ConnectionDialog dialog = dialog(robot, "postgresql://nobody@127.0.0.1:1/never_asked");
        robot.interact(() -> ((RadioButton) dialog.getDialogPane().lookup("#historyFile")).setSelected(true));

        assertThat(pressOk(robot, dialog)).isTrue();
        assertThat(dialog.getResult().settings().historyUrl()).isNull();
    }

    @Test
    void aWrongUrlKeepsOkOffAndSaysWhatAValidOneLooksLike(FxRobot robot) {
        ConnectionDialog dialog = dialog(robot, "mysql://db.example.com/history");

        assertThat(dialog.getDialogPane().lookupButton(ButtonType.OK).isDisabled()).isTrue();
        assertThat(((Label) dialog.getDialogPane().lookup("#connectProblem")).getText())
                .contains("not a team history URL").contains("postgresql://HOST:PORT/DB?sslmode=verify-full");
        close(robot, dialog);
    }

    @Test
    void aServerThatIsNotThereIsSaidToBeUnreachableAndTheDialogStaysOpen(FxRobot robot) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ConnectionDialog dialog = dialog(robot, "postgresql://someone@127.0.0.1:" + closedPort + "/callback_history");

        assertThat(pressOk(robot, dialog)).isFalse();
        assertThat(checkResult(dialog)).contains("127.0.0.1:" + closedPort).contains("cannot be reached");
        close(robot, dialog);
    }

    @Test
    void aWrongPasswordIsRefusedNamingTheSourcesTried(FxRobot robot) {
        String role = role();
        TestPostgres.execute(database, "ALTER ROLE " + role + " PASSWORD 'not-the-one-in-the-file'");
        ConnectionDialog dialog = dialog(robot, database + "?user=" + role);

        assertThat(pressOk(robot, dialog)).isFalse();
        assertThat(checkResult(dialog)).contains("refused the sign-in of role " + role)
                .contains("the password file " + passwordFile + " (there;")
                .doesNotContain("not-the-one-in-the-file").doesNotContain(ROLE_PASSWORD);
        close(robot, dialog);
    }

    @Test
    void noPasswordFoundNamesTheSourcesTried(FxRobot robot) {
        assumeThat(System.getenv("PGPASSWORD")).as("PGPASSWORD set for the build").isNull();
        Path missing = passwordFile.resolveSibling("no-such-pgpass-" + System.nanoTime());
        System.setProperty(PGPASSFILE_PROPERTY, missing.toString());
        try {
            ConnectionDialog dialog = dialog(robot, database + "?user=" + role());

            assertThat(pressOk(robot, dialog)).isFalse();
            assertThat(checkResult(dialog)).contains("the password is wrong or missing")
                    .contains("Tried: PGPASSWORD (not set), then the password file " + missing + " (not there).");
            close(robot, dialog);
        } finally {
            System.setProperty(PGPASSFILE_PROPERTY, passwordFile.toString());
        }
    }

    @Test
    void tlsRequiredOfAServerWithoutItIsRefusedNamingVerifyFull(FxRobot robot) {
        ConnectionDialog dialog = dialog(robot, database + "?sslmode=require&user=" + TestPostgres.SUPERUSER);

        assertThat(pressOk(robot, dialog)).isFalse();
        assertThat(checkResult(dialog)).contains("asks for TLS (sslmode=require), and the server does not offer it")
                .contains("sslmode=verify-full");
        close(robot, dialog);
    }

    @Test
    void aRoleThatMayRewriteHistoryIsWarnedAboutAndTheNextOkConnects(FxRobot robot) {
        String role = role("GRANT SELECT, INSERT, UPDATE, DELETE ON submission_event TO %s",
                "GRANT SELECT ON history_schema TO %s");
        ConnectionDialog dialog = dialog(robot, database + "?user=" + role);

        assertThat(pressOk(robot, dialog)).as("the warning is shown first").isFalse();
        assertThat(checkResult(dialog)).startsWith("Warning: Role " + role + " may also UPDATE, DELETE")
                .contains("could rewrite history")
                .contains("REVOKE UPDATE, DELETE ON submission_event FROM \"" + role + "\";")
                .endsWith("Press OK to connect anyway.");

        assertThat(pressOk(robot, dialog)).isTrue();
        assertThat(dialog.getResult().settings().historyUrl()).contains(role);
    }

    @Test
    void aRoleThatMayNotInsertIsRefusedWithTheGrantToRun(FxRobot robot) {
        String role = role("GRANT SELECT ON submission_event, history_schema TO %s");
        ConnectionDialog dialog = dialog(robot, database + "?user=" + role);

        assertThat(pressOk(robot, dialog)).isFalse();
        assertThat(checkResult(dialog)).contains("does not let role " + role + " add rows (INSERT)")
                .contains("GRANT SELECT, INSERT ON submission_event TO \"" + role + "\";");
        close(robot, dialog);
    }

    @Test
    void aSchemaFromANewerConsoleIsRefused(FxRobot robot) {
        String newer = TestPostgres.freshDatabase();
        HistoryStore.openTeam(TeamHistoryLocation.parse(newer + "?user=" + TestPostgres.SUPERUSER), "test").close();
        TestPostgres.execute(newer, "INSERT INTO history_schema (version, purpose, console_version)"
                + " VALUES (99, 'from the future', '9.0.0')");
        ConnectionDialog dialog = dialog(robot, newer + "?user=" + TestPostgres.SUPERUSER);

        assertThat(pressOk(robot, dialog)).isFalse();
        assertThat(checkResult(dialog)).contains("newer Callback Console (schema version 99");
        close(robot, dialog);
    }

    @Test
    void checkSaysSoWithoutClosingAndAnEditAsksAgain(FxRobot robot) {
        String url = database + "?user=" + role("GRANT SELECT, INSERT ON submission_event TO %s",
                "GRANT SELECT ON history_schema TO %s");
        ConnectionDialog dialog = dialog(robot, url);

        robot.interact(() -> ((Button) dialog.getDialogPane().lookup("#checkHistoryButton")).fire());

        assertThat(dialog.isShowing()).isTrue();
        assertThat(checkResult(dialog)).isEqualTo("Decisions can be journaled in this team history.");
        robot.interact(() -> ((TextField) dialog.getDialogPane().lookup("#connectHistoryUrl")).setText(url + " "));
        assertThat(checkResult(dialog)).as("an edit forgets the check").isEmpty();
        close(robot, dialog);
    }

    /** A new login role with the password in the file and the grants given ({@code %s} is the role). */
    private static String role(String... grants) {
        String role = "dialog_" + ProcessHandle.current().pid() + "_" + ROLES.incrementAndGet();
        String name = database.substring(database.lastIndexOf('/') + 1);
        TestPostgres.execute(database, "CREATE ROLE " + role + " LOGIN PASSWORD '" + ROLE_PASSWORD + "'",
                "GRANT CONNECT ON DATABASE " + name + " TO " + role);
        for (String grant : grants) {
            TestPostgres.execute(database, grant.formatted(role));
        }
        return role;
    }
}
