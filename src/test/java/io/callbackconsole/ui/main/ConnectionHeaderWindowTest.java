package io.callbackconsole.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.domain.EnvironmentMark;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.testing.FaultProxy;
import io.callbackconsole.testing.SandboxSessionExtension;
import io.callbackconsole.ui.ConsoleEnvironment;
import io.callbackconsole.ui.EnvironmentMarks;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The header tells which environment a decision goes to: the operator's mark and its colour, the account STS named,
 * the region, the endpoints on this machine; and it warns when STS did not say who acts.
 */
@ExtendWith(ApplicationExtension.class)
class ConnectionHeaderWindowTest {
    /** One sandbox for the class, reached as the sandbox and through endpoint overrides. */
    @RegisterExtension
    static final SandboxSessionExtension sandboxSession = SandboxSessionExtension.sandboxSession();

    static Sandbox sandbox;

    @TempDir
    static Path dataDir;

    MainViewModel model;
    EnvironmentMarks marks;
    final java.util.List<ConnectionSettings> saved = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        // Not the sandbox as far as the client factory knows: named profiles with static keys, in files of the test's.
        Path credentials = dataDir.resolve("aws-credentials");
        StringBuilder profiles = new StringBuilder();
        for (String profile : List.of("ops", "ops-prod", "ops-stage")) {
            profiles.append('[').append(profile).append("]\naws_access_key_id = sandbox\n")
                    .append("aws_secret_access_key = sandbox\n");
        }
        Files.writeString(credentials, profiles);
        Files.writeString(dataDir.resolve("aws-config"), "");
        System.setProperty("aws.sharedCredentialsFile", credentials.toString());
        System.setProperty("aws.configFile", dataDir.resolve("aws-config").toString());
        sandbox = sandboxSession.sandbox();
    }

    @AfterAll
    static void stop() {
        System.clearProperty("aws.sharedCredentialsFile");
        System.clearProperty("aws.configFile");
    }

    /** The sandbox reached as an AWS connection would be: through endpoint overrides, with its STS at {@code sts}. */
    static ConnectionSettings throughEndpoints(String profile, URI sts) {
        return new ConnectionSettings(false, profile, sandbox.region(), sandbox.queueUrls(), sandbox.sqsEndpoint(),
                sandbox.sageMakerEndpoint(), sts);
    }

    @Start
    void start(Stage stage) {
        marks = EnvironmentMarks.inMemory();
        ConsoleEnvironment environment = new ConsoleEnvironment(
                connection -> sandboxSession.open(connection.sandbox() ? sandboxSession.connection() : connection,
                        dataDir.resolve("history-" + UUID.randomUUID() + ".db")),
                ConnectionSettings.sandboxToStart(), saved::add, List::of, "test", marks);
        model = new MainViewModel(environment);
        // As on a machine without a browser: the link cannot be opened.
        MainWindow.show(stage, model, url -> {
            throw new UnsupportedOperationException("no browser on this machine");
        });
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> model.close());
        model.awaitClosed(10_000);
    }

    static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
    }

    static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    static boolean shown(FxRobot robot, String id) {
        Node node = robot.lookup(id).query();
        return node.isVisible() && node.isManaged();
    }

    @Test
    void aProductionConnectionIsRedAndNamesItsAccountRegionAndLocalEndpoints(FxRobot robot) throws Exception {
        ConnectionSettings prod = throughEndpoints("ops-prod", sandbox.stsEndpoint());
        robot.interact(() -> model.connect(prod, Optional.of(EnvironmentMark.PRODUCTION)));

        waitUntil(() -> text(robot, "#connectionLabel").startsWith("PRODUCTION"));
        assertThat(text(robot, "#connectionLabel")).isEqualTo("PRODUCTION · account " + sandbox.accountId() + " · "
                + sandbox.region() + " · ENDPOINT ON THIS MACHINE");
        assertThat(text(robot, "#connectionDetails")).startsWith("profile ops-prod · acting as arn:aws:")
                .contains("SQS " + sandbox.sqsEndpoint() + " (this machine)");
        // The header's style follows its label; read on the FX thread, where it changes (read from here it was seen
        // mid-change once in CI).
        Node header = robot.lookup("#connectionHeader").query();
        waitUntil(() -> WaitForAsyncUtils.asyncFx(() -> header.getStyleClass().contains("banner-production"))
                .get(10, TimeUnit.SECONDS));
        assertThat(WaitForAsyncUtils.asyncFx(() -> List.copyOf(header.getStyleClass())).get(10, TimeUnit.SECONDS))
                .contains("banner-production").doesNotContain("banner-sandbox", "banner-unmarked");
        assertThat(shown(robot, "#identityWarning")).isFalse();
        assertThat(marks.load()).containsEntry("ops-prod", EnvironmentMark.PRODUCTION);
        assertThat(saved).as("chosen in Connect…: saved for the next start").containsExactly(prod);

        // The mark stays with the profile: connecting again without choosing one shows it, and saves nothing.
        robot.interact(() -> model.connect(throughEndpoints("ops-prod", sandbox.stsEndpoint())));
        waitUntil(() -> text(robot, "#connectionLabel").startsWith("PRODUCTION · account"));
        assertThat(saved).as("a connection from flags or a reconnect is not saved").hasSize(1);
        robot.interact(() -> model.connect(ConnectionSettings.sandboxToStart()));
        // Once the alias is in: the header does not change under the assertion.
        waitUntil(() -> text(robot, "#connectionLabel").startsWith("SANDBOX (callback-sandbox)"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#connectionHeader").query().getStyleClass()).contains("banner-sandbox")
                .doesNotContain("banner-production");
    }

    @Test
    void theAccountAliasIamNamesIsInTheTitleAndAnIamThatRefusesOrHangsCostsNothing(FxRobot robot) throws Exception {
        ConnectionSettings prod = throughEndpoints("ops-prod", sandbox.stsEndpoint())
                .withIamEndpoint(sandbox.iamEndpoint());
        String plain = "PRODUCTION · account " + sandbox.accountId() + " · " + sandbox.region()
                + " · ENDPOINT ON THIS MACHINE";
        robot.interact(() -> model.connect(prod, Optional.of(EnvironmentMark.PRODUCTION)));
        waitUntil(() -> text(robot, "#connectionLabel").equals("PRODUCTION · account " + sandbox.accountId()
                + " (callback-sandbox) · " + sandbox.region() + " · ENDPOINT ON THIS MACHINE"));
        assertThat(text(robot, "#connectionDetails")).contains("IAM " + sandbox.iamEndpoint() + " (this machine)");

        try {
            for (var refusal : List.of(io.callbackconsole.sandbox.IamSimulator.Behaviour.DENY,
                    io.callbackconsole.sandbox.IamSimulator.Behaviour.HANG)) {
                sandbox.iamSimulator().behaviour(refusal);
                java.time.Instant asked = java.time.Instant.now();
                robot.interact(() -> model.connect(prod));
                // The rest of the window does not wait for IAM: polls go on while it has not answered.
                waitUntil(() -> text(robot, "#connectionLabel").startsWith("PRODUCTION")
                        && model.pollStateProperty().get() != null
                        && model.pollStateProperty().get().lastSuccess() != null
                        && model.pollStateProperty().get().lastSuccess().isAfter(asked));
                Thread.sleep(3_500); // past the alias's deadline
                assertThat(text(robot, "#connectionLabel")).as(refusal + ": no alias").isEqualTo(plain);
                assertThat(shown(robot, "#identityWarning")).as(refusal + ": no warning").isFalse();
                assertThat(model.connectProblemProperty().get()).isEmpty();
            }
        } finally {
            sandbox.iamSimulator().behaviour(io.callbackconsole.sandbox.IamSimulator.Behaviour.ANSWER);
        }
    }

    @Test
    void aConnectionWhoseStsDoesNotAnswerIsWarnedAboutAndKnownByItsProfile(FxRobot robot) throws Exception {
        // A gateway in front of STS that answers every call with an HTML error page.
        try (FaultProxy gateway = FaultProxy.start(sandbox.stsEndpoint())
                .always(FaultProxy.Fault.APPLY_THEN_GATEWAY_TIMEOUT)) {
            robot.interact(() -> model.connect(throughEndpoints("ops", gateway.endpoint())));

            // The warning can show before the label has left "Connecting to …" (seen once in CI): wait for both.
            waitUntil(() -> shown(robot, "#identityWarning")
                    && !text(robot, "#connectionLabel").startsWith("Connecting to"));
            assertThat(text(robot, "#identityWarning")).startsWith("Who acts is unknown: STS did not say whose "
                    + "credentials these are (").contains("Decisions are recorded without the AWS principal");
            assertThat(text(robot, "#connectionLabel")).startsWith("account unknown · " + sandbox.region());
            assertThat(text(robot, "#connectionDetails")).startsWith("profile ops ·").doesNotContain("acting as");
        }
        // A connection whose STS answers clears the warning.
        robot.interact(() -> model.connect(throughEndpoints("ops", sandbox.stsEndpoint())));
        waitUntil(() -> text(robot, "#connectionLabel").startsWith("account " + sandbox.accountId()));
        assertThat(shown(robot, "#identityWarning")).isFalse();
    }

    @Test
    void theConnectDialogShowsAndReturnsTheProfilesMark(FxRobot robot) throws Exception {
        marks.save("ops-stage", EnvironmentMark.STAGING);
        robot.interact(() -> model.connect(throughEndpoints("ops-stage", sandbox.stsEndpoint())));
        waitUntil(() -> text(robot, "#connectionLabel").startsWith("STAGING"));

        robot.clickOn("#connectButton");
        @SuppressWarnings("unchecked")
        ComboBox<EnvironmentMark> environment = robot.lookup("#connectEnvironment").queryAs(ComboBox.class);
        waitUntil(() -> environment.getValue() == EnvironmentMark.STAGING);
        robot.interact(() -> environment.setValue(EnvironmentMark.DEVELOPMENT));
        robot.clickOn("OK");

        waitUntil(() -> text(robot, "#connectionLabel").startsWith("DEVELOPMENT"));
        WaitForAsyncUtils.waitForFxEvents(); // the title is set before the colour, in the same FX event
        assertThat(robot.lookup("#connectionHeader").query().getStyleClass()).contains("banner-development");
        assertThat(marks.load()).containsEntry("ops-stage", EnvironmentMark.DEVELOPMENT);
    }

    @Test
    void anAwsExecutionLinksToItsConsolePageAndALinkThatCannotBeOpenedSaysSoInTheWindow(FxRobot robot)
            throws Exception {
        robot.interact(() -> model.connect(throughEndpoints("ops", sandbox.stsEndpoint())));
        @SuppressWarnings("unchecked")
        javafx.scene.control.TableView<io.callbackconsole.ui.pending.PendingRow> pending =
                robot.lookup("#pendingTable").queryAs(javafx.scene.control.TableView.class);
        waitUntil(() -> !pending.getItems().isEmpty());
        robot.interact(() -> pending.getSelectionModel().clearAndSelect(0));
        waitUntil(() -> robot.lookup("#consoleLink").tryQuery().isPresent()
                && robot.lookup("#consoleLink").queryLabeled().getText().startsWith("Open in the AWS console ("));

        // The details wrap whole and scroll: the link may sit below the pane's fold, so it is pressed, not clicked.
        robot.interact(() -> ((javafx.scene.control.Hyperlink) robot.lookup("#consoleLink").query()).fire());

        waitUntil(() -> !robot.lookup("#consoleLinkProblem").queryLabeled().getText().isEmpty());
        assertThat(robot.lookup("#consoleLinkProblem").queryLabeled().getText())
                .startsWith("The browser could not be opened (no browser on this machine)")
                .contains("https://").contains("console.aws.amazon.com");
    }
}
