package io.callbackconsole.ui;

import io.callbackconsole.triage.PollState;
import io.callbackconsole.ui.common.task.BackgroundTask;
import io.callbackconsole.ui.common.task.FxTaskExecutor;
import io.callbackconsole.ui.main.MainViewModel;
import java.io.PrintStream;
import java.time.Duration;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --smoke}: opens the main window, waits until the first poll has finished, closes the window and reports.
 * It checks an installation end to end (runtime, JavaFX, the window, the sandbox, the history) without an operator.
 * A watchdog ends the process with the reason when the poll takes longer than the time-out, so a broken installation
 * fails a script instead of hanging it. With {@code openHistory} it then also opens the History tab, so a training
 * run for the packaged app's AOT cache goes through the first frame, the first poll and the History view.
 */
public final class SmokeCheck {
    /** The exit status of a failed smoke test; picocli uses 1 and 2 for its own errors. */
    public static final int FAILED = 3;
    private static final Logger log = LoggerFactory.getLogger(SmokeCheck.class);

    private final Duration timeout;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean openHistory;
    private final Object lock = new Object();
    private volatile String progress = "the window was not shown";
    private volatile long windowShownMillis = -1;
    private boolean decided;
    private boolean passed;

    public SmokeCheck(Duration timeout, PrintStream out, PrintStream err) {
        this(timeout, out, err, false);
    }

    public SmokeCheck(Duration timeout, PrintStream out, PrintStream err, boolean openHistory) {
        this.timeout = timeout;
        this.out = out;
        this.err = err;
        this.openHistory = openHistory;
    }

    /** Runs the GUI of {@code launch} on {@code environment} until the check is decided; returns the exit status. */
    public int run(ConsoleLaunch launch, ConsoleEnvironment environment) {
        // Its work ends the process itself: a stuck FX thread could not deliver anything.
        try (FxTaskExecutor watchdog = new FxTaskExecutor("smoke-watchdog", 1, true)) {
            watchdog.execute(BackgroundTask.of(control -> {
                failOnTimeout(control);
                return null;
            }).named("smoke watchdog"));
            launch.show(environment, this::watch);
        }
        synchronized (lock) {
            return passed ? 0 : FAILED;
        }
    }

    private void watch(Stage stage, MainViewModel model) {
        windowShownMillis = ProcessAge.millis();
        progress = "the window was shown; no poll had finished";
        model.pollStateProperty().addListener((obs, old, state) -> onPoll(stage, model, state));
        model.connectProblemProperty().addListener((obs, old, problem) -> {
            if (!problem.isEmpty()) {
                decide(false, problem);
            }
        });
    }

    private void onPoll(Stage stage, MainViewModel model, PollState state) {
        if (state == null) {
            return;
        }
        if (state.lastSuccess() != null) {
            if (!stage.isShowing()) {
                decide(false, "the first poll finished but the window is no longer showing");
                return;
            }
            String result = "window shown " + windowShownMillis + " ms after the process started, first poll finished "
                    + ProcessAge.millis() + " ms after it; " + model.pendingCountProperty().get() + " pending, "
                    + model.quarantineCountProperty().get() + " quarantined";
            if (openHistory) {
                showHistoryThenPass(stage, result);
            } else {
                decide(true, result);
            }
        } else if (state.problem() != null) {
            progress = "the last poll failed: " + state.problem();
        }
    }

    /**
     * FX thread. Selects the History tab, which builds its view and reads the first page, and passes half a second
     * later: time for the pulses that lay the view out and style it, which is what a training run is to see.
     */
    private void showHistoryThenPass(Stage stage, String result) {
        progress = "the first poll finished; the History tab was not shown";
        Tab history = stage.getScene().getRoot().lookupAll(".tab-pane").stream()
                .flatMap(pane -> ((TabPane) pane).getTabs().stream())
                .filter(tab -> "historyTab".equals(tab.getId())).findFirst().orElse(null);
        if (history == null) {
            decide(false, "the first poll finished but the window has no History tab");
            return;
        }
        history.getTabPane().getSelectionModel().select(history);
        PauseTransition settle = new PauseTransition(javafx.util.Duration.millis(500));
        settle.setOnFinished(e -> decide(history.isSelected(), history.isSelected() ? result + "; History tab shown"
                : "the History tab could not be selected"));
        settle.play();
    }

    /** FX thread. Reports once, then ends the GUI; the launcher returns the status after the session closed. */
    private void decide(boolean success, String message) {
        synchronized (lock) {
            if (decided) {
                return;
            }
            decided = true;
            passed = success;
        }
        if (success) {
            log.info("Smoke test passed: {}", message);
            out.println("Smoke test passed: " + message);
        } else {
            log.error("Smoke test failed: {}", message);
            err.println("Smoke test failed: " + message);
        }
        Platform.exit();
    }

    /** Ends the process when nothing was decided in time; returns once decided or when the GUI has ended. */
    private void failOnTimeout(BackgroundTask.TaskControl control) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (control.isCancelled()) {
                return;
            }
            synchronized (lock) {
                if (decided) {
                    return;
                }
            }
            Thread.sleep(Math.min(200, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
        }
        synchronized (lock) {
            if (decided) {
                return;
            }
            decided = true;
        }
        String message = "no poll finished within " + timeout.toSeconds() + " s; " + progress;
        log.error("Smoke test failed: {}", message);
        err.println("Smoke test failed: " + message);
        // The GUI may be stuck; ending the process is the point of the time-out.
        System.exit(FAILED);
    }

}
