package io.callbackconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbackconsole.aws.ConnectionSettings;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The hand-over between the launcher and the GUI, with a stand-in for JavaFX's toolkit that waits for the environment
 * as {@link ConsoleApplication} does: an early start sees the environment handed over later, an abandoned launch ends
 * without one, a toolkit that fails is reported by {@code show}, and a launch is shown once.
 */
class ConsoleLaunchTest {
    private static final ConsoleEnvironment ENVIRONMENT = new ConsoleEnvironment(settings -> {
        throw new UnsupportedOperationException("no sessions in this test");
    }, ConnectionSettings.sandboxToStart(), settings -> { }, List::of, "test");

    /** Each launch its own toolkit stand-in: the "one launch per process" slot is shared, so tests leave it alone. */
    private static final class Toolkit {
        final CompletableFuture<ConsoleEnvironment> seen = new CompletableFuture<>();
        volatile Thread ranOn;

        void run(ConsoleLaunch launch) {
            ranOn = Thread.currentThread();
            try {
                seen.complete(launch.environment().get(10, TimeUnit.SECONDS));
            } catch (java.util.concurrent.ExecutionException | CancellationException e) {
                seen.complete(null);
            } catch (Exception e) {
                seen.completeExceptionally(e);
            }
        }
    }

    @Test
    void aToolkitStartedEarlySeesTheEnvironmentHandedOverLater() throws Exception {
        Toolkit toolkit = new Toolkit();
        ConsoleLaunch launch = new ConsoleLaunch(toolkit::run);
        launch.startEarly();
        launch.startEarly(); // once only
        assertThat(toolkit.seen).isNotDone();
        launch.show(ENVIRONMENT);
        assertThat(toolkit.seen.get(10, TimeUnit.SECONDS)).isSameAs(ENVIRONMENT);
        assertThat(toolkit.ranOn.getName()).isEqualTo("javafx-launch");
    }

    @Test
    void withoutAnEarlyStartTheToolkitRunsOnTheLaunchersThread() throws Exception {
        Toolkit toolkit = new Toolkit();
        ConsoleLaunch launch = new ConsoleLaunch(toolkit::run);
        launch.show(ENVIRONMENT);
        assertThat(toolkit.seen.get(10, TimeUnit.SECONDS)).isSameAs(ENVIRONMENT);
        assertThat(toolkit.ranOn).isSameAs(Thread.currentThread());
    }

    @Test
    void anAbandonedLaunchEndsTheEarlyToolkitWithoutAnEnvironmentAndCannotBeShown() throws Exception {
        Toolkit toolkit = new Toolkit();
        ConsoleLaunch launch = new ConsoleLaunch(toolkit::run);
        launch.startEarly();
        launch.abandon();
        assertThat(toolkit.seen.get(10, TimeUnit.SECONDS)).isNull();
        assertThatThrownBy(() -> launch.show(ENVIRONMENT)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aToolkitThatFailsOnItsEarlyThreadIsReportedByShow() {
        ConsoleLaunch launch = new ConsoleLaunch(l -> {
            throw new IllegalStateException("no display");
        });
        launch.startEarly();
        assertThatThrownBy(() -> launch.show(ENVIRONMENT)).hasMessage("no display");
    }

    @Test
    void aLaunchIsShownOnce() {
        ConsoleLaunch launch = new ConsoleLaunch(l -> { });
        launch.show(ENVIRONMENT);
        assertThatThrownBy(() -> launch.show(ENVIRONMENT)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theShownCallbackSeesTheWindow() {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        ConsoleLaunch launch = new ConsoleLaunch(l -> l.shown(null, null));
        launch.show(ENVIRONMENT, (stage, model) -> seen.add("shown"));
        assertThat(seen).containsExactly("shown");
    }
}
