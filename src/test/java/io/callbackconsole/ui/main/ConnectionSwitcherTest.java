package io.callbackconsole.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.domain.EnvironmentMark;
import io.callbackconsole.testing.SandboxSessionExtension;
import io.callbackconsole.testing.TestPollerSettings;
import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.ui.WindowClosings;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Switching connections: only the newest request's session is shown; one that finishes opening after a newer request,
 * or after the window closed, is closed. Sessions are real ones on the sandbox; each closes a flag of the test's last.
 */
@ExtendWith(ApplicationExtension.class)
class ConnectionSwitcherTest {
    @RegisterExtension
    final SandboxSessionExtension sandboxSession = SandboxSessionExtension.sandboxSession();

    final List<ConsoleSession> shown = new CopyOnWriteArrayList<>();
    final List<Throwable> failures = new CopyOnWriteArrayList<>();
    final AtomicInteger detached = new AtomicInteger();
    final ConnectionSwitcher switcher = new ConnectionSwitcher(new WindowClosings(), () -> {
        detached.incrementAndGet();
        return null;
    });
    final CountDownLatch release = new CountDownLatch(1);
    ConnectionSettings sandbox;

    /** The sandbox starts here, on the test's thread: a slow start must not count against closing's time-out. */
    @BeforeEach
    void startSandbox() {
        sandbox = sandboxSession.connection();
    }

    /** Opens a session on the sandbox whose closing sets {@code closed}; waits for {@link #release} first if asked. */
    ConnectionSwitcher.Opened open(AtomicBoolean closed, boolean waitForRelease) throws InterruptedException {
        if (waitForRelease && !release.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("never released");
        }
        ConsoleSession session = ConsoleSession.open(sandbox, sandboxSession.historyFile(),
                "test", TestPollerSettings.NO_SCHEDULE, () -> closed.set(true));
        return new ConnectionSwitcher.Opened(session, EnvironmentMark.SANDBOX);
    }

    void switchTo(FxRobot robot, AtomicBoolean closed, boolean waitForRelease) {
        robot.interact(() -> switcher.switchTo("sandbox", () -> open(closed, waitForRelease),
                (scope, mark) -> shown.add(scope.session()), failures::add));
    }

    static <T> T onFx(java.util.concurrent.Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
    }

    @Test
    void aSessionThatFinishesOpeningAfterANewerRequestIsClosedAndNeverShown(FxRobot robot) throws Exception {
        AtomicBoolean firstClosed = new AtomicBoolean();
        AtomicBoolean secondClosed = new AtomicBoolean();
        switchTo(robot, firstClosed, true);
        switchTo(robot, secondClosed, false);
        release.countDown();

        waitUntil(() -> shown.size() == 1 && firstClosed.get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shown).hasSize(1);
        assertThat(onFx(switcher::current).session()).isSameAs(shown.get(0));
        assertThat(secondClosed).as("the newest session stays open").isFalse();
        assertThat(failures).isEmpty();

        robot.interact(switcher::close);
        assertThat(switcher.awaitClosed(30_000)).isTrue();
        assertThat(secondClosed).as("closing the window closes the shown session").isTrue();
        assertThat(detached).as("the views let go at each switch and at closing").hasValue(3);
    }

    @Test
    void closingTheWindowWhileASessionOpensClosesThatSessionToo(FxRobot robot) throws Exception {
        AtomicBoolean closed = new AtomicBoolean();
        switchTo(robot, closed, true);
        robot.interact(switcher::close);
        release.countDown();

        assertThat(switcher.awaitClosed(30_000)).isTrue();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(closed).isTrue();
        assertThat(shown).isEmpty();
        assertThat(onFx(switcher::current)).isNull();
    }

    @Test
    void aFailureOfASupersededRequestSaysNothing(FxRobot robot) throws Exception {
        robot.interact(() -> switcher.switchTo("broken", () -> {
            release.await(30, TimeUnit.SECONDS);
            throw new IllegalStateException("profile ops has no region");
        }, (scope, mark) -> shown.add(scope.session()), failures::add));
        AtomicBoolean closed = new AtomicBoolean();
        switchTo(robot, closed, false);
        release.countDown();

        waitUntil(() -> shown.size() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(failures).isEmpty();

        robot.interact(switcher::close);
        assertThat(switcher.awaitClosed(30_000)).isTrue();
    }
}
