package io.callbackconsole.ui;

import io.callbackconsole.ui.main.MainViewModel;
import io.callbackconsole.ui.main.MainWindow;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application. The launcher's main class does not extend Application, so JavaFX can sit on the class path.
 * JavaFX creates it for the {@link ConsoleLaunch} that started the toolkit, which holds the launch's state: the main
 * window is built once that launch hands over the environment. No logger is held in a static field, so starting
 * JavaFX does not wait for logging to initialise.
 */
public final class ConsoleApplication extends Application {
    private final ConsoleLaunch launch = ConsoleLaunch.running();
    private MainViewModel model;

    @Override
    public void start(Stage stage) {
        LoggerFactory.getLogger(ConsoleApplication.class).debug("JavaFX started {} ms after the JVM started",
                ManagementFactory.getRuntimeMXBean().getUptime());
        if (launch == null) {
            throw new IllegalStateException("ConsoleApplication is started by a ConsoleLaunch");
        }
        // Completed already unless JavaFX was started early; then the window is built once the launcher hands over.
        launch.environment().whenComplete((ready, failure) -> {
            if (Platform.isFxApplicationThread()) {
                showOrExit(stage, ready);
            } else {
                Platform.runLater(() -> showOrExit(stage, ready));
            }
        });
    }

    /** FX thread. Builds and shows the main window on {@code ready}, or ends JavaFX when the start was abandoned. */
    private void showOrExit(Stage stage, ConsoleEnvironment ready) {
        if (ready == null) {
            Platform.exit();
            return;
        }
        model = new MainViewModel(ready);
        MainWindow.show(stage, model, getHostServices()::showDocument);
        // The CPU times beside the wall clock: on a busy machine they tell the window's own cost from waiting.
        LoggerFactory.getLogger(ConsoleApplication.class).info(
                "Window shown {} ms after the JVM started ({} ms of CPU on this thread, {} ms in the process)",
                ManagementFactory.getRuntimeMXBean().getUptime(),
                ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000,
                ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L));
        launch.shown(stage, model);
    }

    @Override
    public void stop() {
        if (model != null) {
            model.close();
        }
    }
}
